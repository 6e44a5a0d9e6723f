// Package e2e holds the end-to-end tests: they build the reference notice with the real binary path and measure the PDF against GB/T 9704 and the data.
package e2e
