package doc

import (
	"errors"

	"gongwen/internal/input"
)

// InputPos is where in the file at path a problem reading it lies: the
// line and column an *input.Error gives (text that is not UTF-8), else the
// file alone.
func InputPos(path string, err error) Pos {
	var ie *input.Error
	if errors.As(err, &ie) && ie.Line > 0 {
		return Pos{File: path, Line: ie.Line, Col: ie.Col}
	}
	return Pos{File: path}
}
