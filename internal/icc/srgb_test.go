package icc

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

func u32(b []byte, at int) uint32 { return binary.BigEndian.Uint32(b[at:]) }

func s15(b []byte, at int) float64 { return float64(int32(u32(b, at))) / 65536 }

// tags reads the tag table: signature → element bytes.
func tags(t *testing.T, p []byte) map[string][]byte {
	t.Helper()
	n := int(u32(p, 128))
	m := map[string][]byte{}
	for i := range n {
		e := 132 + 12*i
		off, size := int(u32(p, e+4)), int(u32(p, e+8))
		if off%4 != 0 {
			t.Errorf("tag %s at offset %d: not on a 4-byte boundary", p[e:e+4], off)
		}
		if off+size > len(p) {
			t.Fatalf("tag %s runs past the profile's end", p[e:e+4])
		}
		m[string(p[e:e+4])] = p[off : off+size]
	}
	return m
}

func TestHeaderIsAVersion2RGBDisplayProfile(t *testing.T) {
	p := SRGB()
	if int(u32(p, 0)) != len(p) {
		t.Errorf("size field %d, profile is %d bytes", u32(p, 0), len(p))
	}
	if len(p)%4 != 0 {
		t.Errorf("profile size %d is not a multiple of 4", len(p))
	}
	if p[8] != 2 {
		t.Errorf("major version %d; PDF/A-1 needs a profile before version 4, this one is meant to be 2", p[8])
	}
	for at, want := range map[int]string{12: "mntr", 16: "RGB ", 20: "XYZ ", 36: "acsp"} {
		if got := string(p[at : at+4]); got != want {
			t.Errorf("header bytes %d–%d = %q, want %q", at, at+3, got, want)
		}
	}
	for i, want := range []float64{0.9642, 1, 0.8249} {
		if got := s15(p, 68+4*i); math.Abs(got-want) > 1.0/65536 {
			t.Errorf("illuminant component %d = %.5f, want %.4f (D50)", i, got, want)
		}
	}
	if !bytes.Equal(p[84:128], make([]byte, 44)) {
		t.Error("reserved header bytes are not zero")
	}
}

func TestTagsHoldSRGB(t *testing.T) {
	m := tags(t, SRGB())
	for _, sig := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if _, ok := m[sig]; !ok {
			t.Errorf("no %s tag", sig)
		}
	}
	if !bytes.Contains(m["desc"], []byte(description+"\x00")) {
		t.Errorf("desc tag %q lacks the description", m["desc"])
	}
	// The published D50-adapted sRGB colorants (as in the profiles of
	// IEC 61966-2-1 implementations), to four places.
	published := map[string][3]float64{
		"rXYZ": {0.4361, 0.2225, 0.0139},
		"gXYZ": {0.3851, 0.7169, 0.0971},
		"bXYZ": {0.1431, 0.0606, 0.7141},
		"wtpt": {0.9505, 1.0000, 1.0891},
	}
	var sum [3]float64
	for sig, want := range published {
		b := m[sig]
		if string(b[:4]) != "XYZ " {
			t.Fatalf("%s is %q, not XYZType", sig, b[:4])
		}
		for i := range 3 {
			got := s15(b, 8+4*i)
			if math.Abs(got-want[i]) > 5e-4 {
				t.Errorf("%s[%d] = %.4f, want %.4f", sig, i, got, want[i])
			}
			if sig != "wtpt" {
				sum[i] += got
			}
		}
	}
	// Full red + green + blue is the connection space's white, D50.
	for i, want := range []float64{0.9642, 1, 0.8249} {
		if math.Abs(sum[i]-want) > 2e-4 {
			t.Errorf("colorants sum to %.4f in component %d, want %.4f", sum[i], i, want)
		}
	}
}

func TestToneCurveIsTheSRGBTransferFunction(t *testing.T) {
	c := tags(t, SRGB())["rTRC"]
	if string(c[:4]) != "curv" {
		t.Fatalf("rTRC is %q, not curveType", c[:4])
	}
	n := int(u32(c, 8))
	if n != trcPoints || len(c) != 12+2*n {
		t.Fatalf("curve of %d points in %d bytes", n, len(c))
	}
	at := func(i int) float64 { return float64(binary.BigEndian.Uint16(c[12+2*i:])) / 65535 }
	if at(0) != 0 || at(n-1) != 1 {
		t.Errorf("curve runs from %v to %v, want 0 to 1", at(0), at(n-1))
	}
	for i := 1; i < n; i++ {
		if at(i) < at(i-1) {
			t.Fatalf("curve falls at point %d", i)
		}
	}
	// Spot values of the transfer function: 50 % grey is 21.4 % linear;
	// the linear segment below 0.04045.
	for _, c := range []struct{ v, want float64 }{{0.5, 0.21404}, {0.04045, 0.04045 / 12.92}, {0.02, 0.02 / 12.92}, {1, 1}} {
		if got := Linear(c.v); math.Abs(got-c.want) > 1e-5 {
			t.Errorf("Linear(%v) = %.5f, want %.5f", c.v, got, c.want)
		}
	}
	// Both segments meet (the function is continuous at the threshold).
	below, above := Linear(trcThreshold), math.Pow((trcThreshold+trcOffset)/(1+trcOffset), trcGamma)
	if math.Abs(below-above) > 1e-6 {
		t.Errorf("segments meet at %.7f and %.7f", below, above)
	}
}

func TestProfileIsTheSameEveryTime(t *testing.T) {
	if !bytes.Equal(build(), build()) {
		t.Error("two builds of the profile differ")
	}
}
