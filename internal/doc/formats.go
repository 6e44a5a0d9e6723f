package doc

// formats.go: the keys of a document's format. Which keys each format
// takes, and what the standard calls them, is the format's data (package
// format, keys.go); this file reads the format and kind keys and refuses
// a key the format does not take.

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // the formats a stamp may have
	_ "image/png"
	"regexp"
	"strings"

	"gongwen/internal/format"
	"gongwen/internal/say"
)

// documentFormat reads the format key: it is required, and names one of
// the formats.
func (r *reader) documentFormat(raw map[string]any) (string, *format.Format) {
	name := r.str(raw, "format", false)
	if _, ok := raw["format"]; !ok {
		r.errs = append(r.errs, Errorf(Pos{File: r.file}, "missing required key \"format\": say which format the document has, one of %s", format.Known()))
		return "", nil
	}
	if name == "" {
		return "", nil // reported by str
	}
	f, err := format.ByName(name)
	if err != nil {
		r.errf("format", "%v", err)
		return name, nil
	}
	return name, f
}

// documentKind reads the optional kind key: one of the 文种 gongwen knows,
// set in the document's format (a 函 is a letter, a 纪要 minutes).
func (r *reader) documentKind(raw map[string]any, formatName string) string {
	name := r.str(raw, "kind", false)
	if name == "" {
		return ""
	}
	k, err := format.KindByName(name)
	switch {
	case err != nil:
		r.errf("kind", "%v", err)
	case formatName != "" && k.Format != formatName:
		r.errf("kind", "a %s is set in the %s format (%s), not %s: write format = %q", k.Name, k.Format, format.ChineseNameOf(k.Format), formatName, k.Format)
	}
	return name
}

// notInFormat refuses each key of raw the format does not read.
func (r *reader) notInFormat(raw map[string]any, f *format.Format, keys map[string]bool) {
	for _, k := range sortedKeys(raw) {
		if _, ok := keys[k]; ok || !contains(knownTop[""], k) {
			continue
		}
		r.used[k] = true
		r.errf(k, "%q does not apply to the %s format (%s)", k, f.Name, f.ChineseName)
	}
}

// textList reads a string or an array of strings, each one line of text.
func (r *reader) textList(m map[string]any, path string, required bool) []string {
	v, ok := m[last(path)]
	if !ok {
		r.get(m, path, required)
		return nil
	}
	if _, isStr := v.(string); isStr {
		if s := r.text(m, path, required); s != "" {
			return []string{s}
		}
		return nil
	}
	if _, isList := v.([]any); !isList {
		r.used[path] = true
		r.errf(path, "%s must be a string or an array of strings, not %s", path, typeName(v))
		return nil
	}
	list := r.strList(m, path)
	for _, s := range list {
		if strings.IndexFunc(s, func(c rune) bool { return c < 0x20 || c == 0x7f }) >= 0 {
			r.errf(path, "%s holds a control character; write each entry on one line", path)
			return nil
		}
		if s == "" {
			r.errf(path, "%s holds an empty entry", path)
			return nil
		}
	}
	if required && len(list) == 0 {
		r.errf(path, "%s is empty", path)
	}
	return list
}

var (
	secrecyForm = regexp.MustCompile(`^(秘密|机密|绝密)(★.+)?$`)
	urgencies   = []string{"特急", "加急", "特提", "平急"}
)

// formatFields reads the keys of the elements beyond the letter format's:
// 份号, 密级, 紧急程度, 签发人, 令号, the 纪要's, the 版记's, the joint
// issuers' lists and the 命令's signer.
func (r *reader) formatFields(raw map[string]any, d *Document, keys map[string]bool, dir string) {
	if v, ok := r.get(raw, "copy", false); ok {
		n, isInt := v.(int64)
		if !isInt || n < 1 || n > 999999 {
			r.errf("copy", "copy (份号) must be a whole number from 1 to 999999, not %v", v)
		}
		d.CopyNumber = int(n)
	}
	if s := r.text(raw, "secrecy", false); s != "" {
		if !secrecyForm.MatchString(s) {
			r.errf("secrecy", "secrecy (密级和保密期限) %q is not 秘密, 机密 or 绝密, optionally followed by ★ and the period (机密★1年)", s)
		}
		d.Secrecy = s
	}
	if s := r.text(raw, "urgency", false); s != "" {
		if !contains(urgencies, s) {
			r.errf("urgency", "urgency (紧急程度) %q is not one of %s", s, strings.Join(urgencies, ", "))
		}
		d.Urgency = s
	}
	d.Mark = r.text(raw, "mark", false)
	if _, ok := raw["mark_suffix"]; ok {
		s := r.text(raw, "mark_suffix", false)
		d.MarkSuffix = &s
	}
	d.Signers = r.textList(raw, "signers", false)
	if v, ok := r.get(raw, "order_number", keys["order_number"]); ok {
		n, isInt := v.(int64)
		if !isInt || n < 1 {
			r.errf("order_number", "order_number (令号) must be a positive whole number, not %v", v)
		}
		d.OrderNumber = int(n)
	}
	d.MinutesNumber = r.text(raw, "minutes_number", keys["minutes_number"])
	if t, ok := r.table(raw, "minutes_line", false); ok {
		d.MinutesLine = &MinutesLine{Printer: r.text(t, "minutes_line.printer", true), Date: d.Date}
		if _, ok := t["date"]; ok {
			d.MinutesLine.Date = r.date(t, "minutes_line.date")
		}
	}
	d.SignerTitle = r.text(raw, "signer_title", keys["signer_title"])
	d.SignerName = r.text(raw, "signer", keys["signer"])
	if s := r.fileName(raw, "stamp", false); s != "" {
		d.Stamp = resolve(dir, s)
		d.StampAspect = r.imageAspect("stamp", d.Stamp)
	}
	for i, k := range []string{"present", "absent", "attending"} {
		d.Attendance[i] = r.textList(raw, k, keys[k])
	}
	if t, ok := r.table(raw, "imprint", false); ok {
		d.CC = r.textList(t, "imprint.cc", false)
		d.ImprintRecipients = strings.TrimRight(r.text(t, "imprint.recipients", false), "：:。")
		if d.ImprintRecipients != "" && d.Recipients != "" {
			r.errf("imprint.recipients", "the 主送机关 is given twice: as recipients and as imprint.recipients; keep one")
		}
		d.Printer = r.text(t, "imprint.printer", false)
		if _, ok := t["date"]; ok || d.Printer != "" {
			d.Printed = r.date(t, "imprint.date")
		}
		if _, ok := t["date"]; ok && d.Printer == "" {
			r.errf("imprint.date", "imprint.date (印发日期) needs imprint.printer (印发机关)")
		}
	}
}

// joint reads the issuers, 署名 and seals of a document with one or
// several issuers (联合行文), and checks that they pair up.
func (r *reader) joint(raw map[string]any, d *Document, keys map[string]bool, dir string) {
	d.Issuers = r.textList(raw, "issuer", keys["issuer"])
	d.Signatures = r.textList(raw, "signature", keys["signature"])
	var seals []string
	if b, ok := raw["seal"].(bool); ok {
		// seal = true: the layout with a seal, the seal stamped by hand.
		r.used["seal"] = true
		r.errf("seal", "seal is %v; a seal is an image file (seal = \"seal.png\"), or \"paper\" for the seal layout with nothing drawn, stamped by hand after printing", b)
	} else if _, ok := raw["seal"].(string); ok {
		if s := r.fileName(raw, "seal", false); s != "" {
			seals = []string{s}
		}
	} else {
		seals = r.textList(raw, "seal", false)
	}
	for _, s := range seals {
		a := 1.0 // a paper seal stamps a round seal's place
		if s != PaperSeal {
			s = resolve(dir, s)
			a, _ = r.aspectOf(s) // an image that cannot be read is reported where it is drawn
		}
		d.Seals = append(d.Seals, s)
		d.SealAspects = append(d.SealAspects, a)
	}
	if len(d.Issuers) > 0 {
		d.Issuer = d.Issuers[0]
	}
	if len(d.Signatures) > 0 {
		d.Signature = d.Signatures[0]
	}
	if len(d.Seals) > 0 {
		d.Seal = d.Seals[0]
	}
	if len(d.Signatures) > 0 && len(d.Issuers) > 0 && len(d.Signatures) != len(d.Issuers) {
		r.errf("signature", "%d 署名 for %d issuers: give one signature per issuer, in the same order", len(d.Signatures), len(d.Issuers))
	}
	if len(d.Seals) > 0 && len(d.Seals) != len(d.Signatures) {
		r.errf("seal", "%d seals for %d 署名: give one seal per signature, in the same order, or none", len(d.Seals), len(d.Signatures))
	}
}

// MaxImageHeader bounds what is read of an image to learn its size.
const maxImageHeader = 1 << 16

// imageAspect reads the height/width of the PNG or JPEG image at path from
// its header, reporting at key what is wrong with it.
func (r *reader) imageAspect(key, path string) float64 {
	a, err := r.aspectOf(path)
	if errors.Is(err, errNotImage) {
		r.errf(key, "%s is not a PNG or JPEG image this tool can read", path)
	} else if err != nil {
		r.errf(key, "the image %s: %v", path, err)
	}
	return a
}

var errNotImage = say.New("not an image")

// aspectOf is the height / width of the PNG or JPEG image at path, read
// from its header; 1 with the error when it cannot be read.
func (r *reader) aspectOf(path string) (float64, error) {
	im, err := r.sources.Image(path)
	if err != nil {
		return 1, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(im.Data[:min(len(im.Data), maxImageHeader)]))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return 1, errNotImage
	}
	return float64(cfg.Height) / float64(cfg.Width), nil
}
