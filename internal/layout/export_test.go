package layout

// ForgetMeasures lets the external tests start from an empty atom cache.
var ForgetMeasures = forgetMeasures
