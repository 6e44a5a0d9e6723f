package fonts

import "golang.org/x/sys/unix"

// selfID is the identity of the running executable: /proc/self/exe is the
// file the process was started from, even if another has since been
// installed under its name.
func selfID() (fileID, bool) {
	var st unix.Stat_t
	if err := unix.Stat("/proc/self/exe", &st); err != nil {
		return fileID{}, false
	}
	return idOf(&st), true
}
