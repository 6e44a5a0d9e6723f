package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// orderImages gives the images a fixed order. fpdf writes its images
// sorted by pixel width from a Go map, so two images of the same width (the
// seals of a joint document) come out in either order from one run to the
// next. This pass puts each image, with the mask it refers to, in the
// object numbers of the image slots in the order of their content's hash,
// and rewrites every reference to them: the same images always give the
// same bytes.
func orderImages(f *file) error {
	masks := map[int]bool{}
	var images []int
	for _, n := range f.order {
		o := f.objs[n]
		if st, _ := o.get("Subtype"); st != "/Image" {
			continue
		}
		images = append(images, n)
		for _, k := range []string{"Mask", "SMask"} {
			if m, ok := o.ref(k); ok {
				masks[m] = true
			}
		}
	}
	type unit struct {
		nums []int // the image, then its mask
		key  [32]byte
	}
	var units []unit
	for _, n := range images {
		if masks[n] {
			continue
		}
		// The key is the pixel data, not the dictionaries, which name
		// the mask by its present number.
		u := unit{nums: []int{n}}
		h := sha256.New()
		data, err := f.objs[n].streamData()
		if err != nil {
			return fmt.Errorf("image %d: %v", n, err)
		}
		h.Write(data)
		for _, k := range []string{"Mask", "SMask"} {
			if m, ok := f.objs[n].ref(k); ok && f.objs[m] != nil {
				u.nums = append(u.nums, m)
				data, err := f.objs[m].streamData()
				if err != nil {
					return fmt.Errorf("image mask %d: %v", m, err)
				}
				h.Write(data)
			}
		}
		copy(u.key[:], h.Sum(nil))
		units = append(units, u)
	}
	if len(units) < 2 {
		return nil
	}
	// The slots are the units as they stand, by the image's number; the
	// units go into them sorted by content. A unit moves only into a slot
	// of the same shape (with a mask or without).
	slots := append([]unit(nil), units...)
	sort.Slice(slots, func(i, j int) bool { return slots[i].nums[0] < slots[j].nums[0] })
	sort.SliceStable(units, func(i, j int) bool { return bytes.Compare(units[i].key[:], units[j].key[:]) < 0 })
	renum := map[int]int{}
	for _, shape := range []int{1, 2} {
		var from, to []unit
		for _, u := range units {
			if len(u.nums) == shape {
				from = append(from, u)
			}
		}
		for _, s := range slots {
			if len(s.nums) == shape {
				to = append(to, s)
			}
		}
		for i := range from {
			for k := range shape {
				renum[from[i].nums[k]] = to[i].nums[k]
			}
		}
	}
	moved := map[int]*object{}
	for old, nu := range renum {
		o := *f.objs[old]
		o.num = nu
		moved[nu] = &o
	}
	for nu, o := range moved {
		f.objs[nu] = o
	}
	for _, n := range f.order {
		o := f.objs[n]
		dict := o.body
		rest := []byte(nil)
		if loc := streamStart.FindIndex(o.body); loc != nil {
			dict, rest = o.body[:loc[0]], o.body[loc[0]:]
		}
		dict = refPattern.ReplaceAllFunc(dict, func(m []byte) []byte {
			sub := refPattern.FindSubmatch(m)
			num, _ := strconv.Atoi(string(sub[2]))
			if nu, ok := renum[num]; ok {
				return []byte(string(sub[1]) + strconv.Itoa(nu) + " 0 R")
			}
			return m
		})
		o.body = append(append([]byte(nil), dict...), rest...)
	}
	return nil
}

// streamStart is where a stream object's data begins.
var streamStart = regexp.MustCompile(`(?:>>|\s)stream\r?\n`)

// refPattern is an indirect reference "N 0 R", with what stands before it.
var refPattern = regexp.MustCompile(`(^|[^0-9])([0-9]+) 0 R`)
