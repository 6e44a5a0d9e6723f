package draft

// recognise.go finds the parts of a 公文 in a draft's paragraphs, by their
// text (a 文种 at the end of the title, a ： after the 主送机关, a date,
// 抄送：…) and, where the draft has it, by their formatting (a centred or
// large title, an annex starting a page).

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Block is a paragraph of the body or of a text annex: a heading of level
// 1–4 (its typed number taken off: the template derives it), a paragraph
// (level 0), or a table.
type Block struct {
	N     int
	Level int
	Text  string
	Table *Table
}

// Attachment is an annex: its title as the 附件说明 lists it and the annex
// page, and its content (a table, or text), when the draft has it.
type Attachment struct {
	Title string
	N     int // where the draft has the annex's label, 0 when only listed
	Table *Table
	Note  []string // text under a table: its 表注
	Text  []Block  // a text annex
}

// Document is a draft's parts, as GB/T 9704-2012 names them; a part the
// draft lacks is empty.
type Document struct {
	Copy, Secrecy, Urgency string // 份号, 密级, 紧急程度
	Issuer                 string // from the 发文机关标志 "…文件"
	Number                 string // 发文字号
	Signers                string // 签发人
	Title                  []string
	Recipients             string // 主送机关
	Body                   []Block
	Attachments            []Attachment
	Signature              string // 署名
	Date                   string // 成文日期, YYYY-MM-DD
	Note                   string // 附注, without its brackets
	CC                     []string
	Printer, PrintDate     string // 印发机关, 印发日期 (YYYY-MM-DD)
}

var (
	// The 文种 of GB/T 9704 and the Regulations on the Handling of Official
	// Documents (党政机关公文处理工作条例, art. 8), which end a title.
	kinds       = regexp.MustCompile(`(?:决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|方案|办法|规定|细则|要点|规划|计划)$`)
	copyNo      = regexp.MustCompile(`^[0-9]{1,6}$`)
	secrecy     = regexp.MustCompile(`^(?:绝密|机密|秘密)(?:\s*★\s*\S*)?$`)
	urgency     = regexp.MustCompile(`^(?:特急|加急|特提|平急)$`)
	docNumber   = regexp.MustCompile(`[\p{Han}A-Za-z0-9]*[〔\[［(（][0-9０-９]{4}[〕\]］)）]第?[0-9０-９]+号`)
	signers     = regexp.MustCompile(`签发人[：:]\s*(.+)$`)
	dateRe      = regexp.MustCompile(`^([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
	printedRe   = regexp.MustCompile(`^(.*?)\s*([0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日)\s*印\s*发$`)
	ccRe        = regexp.MustCompile(`^抄\s*送\s*[：:]\s*(.*)$`)
	annexLabel  = regexp.MustCompile(`^附\s*件\s*([0-9０-９]*|[一二三四五六七八九十]+)\s*[：:]?$`)
	annexList   = regexp.MustCompile(`^附\s*件\s*[：:]\s*(.*)$`)
	listNumber  = regexp.MustCompile(`^[0-9０-９]+\s*[.．、]\s*`)
	noteRe      = regexp.MustCompile(`^[（(](.*)[）)]$`)
	listSplit   = regexp.MustCompile(`[，,、；;]\s*`)
	sentenceEnd = "。！？；"
)

// clean is a paragraph's text for reading its meaning: spaces and tabs
// at the ends dropped.
func clean(s string) string { return strings.TrimSpace(s) }

// short tells whether text can be a title, a name or a date: no sentence
// punctuation in it and at most n characters.
func short(text string, n int) bool {
	return utf8.RuneCountInString(text) <= n && !strings.ContainsAny(text, sentenceEnd)
}

// isoDate turns a date as a 公文 writes it (2025年9月28日, or in Chinese
// numerals 二〇二五年九月二十八日) into YYYY-MM-DD; "" when text is not one.
func isoDate(text string) string {
	m := dateRe.FindStringSubmatch(strings.ReplaceAll(text, " ", ""))
	if m == nil {
		return ""
	}
	year := 0 // digit by digit: 2025, ２０２５ or 二〇二五
	for _, r := range m[1] {
		switch {
		case r >= '0' && r <= '9':
			year = year*10 + int(r-'0')
		case r >= '０' && r <= '９':
			year = year*10 + int(r-'０')
		default:
			year = year*10 + max(strings.IndexRune("〇一二三四五六七八九", r), 0)/len("〇") // 零 ○ Ｏ are 0
		}
	}
	month, day := numberValue(m[2]), numberValue(m[3])
	if year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// Recognise finds the parts of a 公文 in d. Every paragraph ends up in a
// part or in the body; those kept in the body because they fit no part,
// and what import changed (a heading number the template derives
// differently), are added to d's notes.
func Recognise(d *Draft) *Document {
	doc := &Document{}
	paras := make([]Para, 0, len(d.Paras))
	for _, p := range d.Paras {
		if p.Table != nil || clean(p.Text) != "" {
			p.Text = clean(p.Text)
			paras = append(paras, p)
		}
	}
	paras = doc.imprint(d, paras)
	main, annexes := splitAnnexes(paras)
	main = doc.front(d, main)
	main = doc.back(d, main)
	doc.Body = blocks(d, main, 0)
	doc.annexes(d, annexes)
	return doc
}

// imprint takes the 版记 off the end: 抄送 and the line of the 印发机关 and
// 印发日期, as paragraphs or as a table's cells.
func (doc *Document) imprint(d *Draft, paras []Para) []Para {
	for len(paras) > 0 {
		p := paras[len(paras)-1]
		lines := []string{p.Text}
		if p.Table != nil {
			lines = nil
			for _, row := range p.Table.Rows {
				lines = append(lines, strings.Join(dedupe(row), "\t"))
			}
		}
		var cc []string
		printer, date := "", ""
		ok := true
		for _, l := range lines {
			l = clean(l)
			if m := ccRe.FindStringSubmatch(l); m != nil {
				cc = append(cc, splitList(m[1])...)
			} else if m := printedRe.FindStringSubmatch(l); m != nil && isoDate(m[2]) != "" {
				printer, date = clean(strings.ReplaceAll(m[1], "\t", "")), isoDate(m[2])
			} else if l != "" {
				ok = false
			}
		}
		if !ok || cc == nil && date == "" {
			break
		}
		doc.CC = append(cc, doc.CC...)
		if date != "" {
			doc.Printer, doc.PrintDate = printer, date
		}
		paras = paras[:len(paras)-1]
	}
	return paras
}

// dedupe drops the repeats a cell spanning columns leaves in a row.
func dedupe(row []string) []string {
	var out []string
	for i, c := range row {
		if i == 0 || c != row[i-1] {
			out = append(out, c)
		}
	}
	return out
}

func splitList(s string) []string {
	s = strings.TrimRight(clean(s), "。.")
	var out []string
	for _, x := range listSplit.Split(s, -1) {
		if x = clean(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// splitAnnexes cuts the draft where its first annex begins: a paragraph
// 附件 or 附件N alone that starts a page, or (a draft without pages) that
// comes after the 成文日期.
func splitAnnexes(paras []Para) (main, annexes []Para) {
	dated := false
	for i, p := range paras {
		if p.Table == nil && isoDate(p.Text) != "" {
			dated = true
		}
		if i > 0 && p.Table == nil && annexLabel.MatchString(p.Text) && (p.PageBreak || dated) {
			return paras[:i], paras[i:]
		}
	}
	return paras, nil
}

// front takes the parts above the body off the start of main: 份号, 密级,
// 紧急程度, the 发文机关标志 (…文件), 发文字号 and 签发人, the title, the
// 主送机关.
func (doc *Document) front(d *Draft, main []Para) []Para {
	i := 0
	for ; i < len(main) && i < 8 && main[i].Table == nil; i++ {
		t := main[i].Text
		switch {
		case copyNo.MatchString(t) && doc.Copy == "":
			doc.Copy = t
		case secrecy.MatchString(t) && doc.Secrecy == "":
			doc.Secrecy = strings.Join(strings.Fields(t), "")
		case urgency.MatchString(t) && doc.Urgency == "":
			doc.Urgency = t
		case (strings.HasSuffix(t, "文件") || main[i].Boxed) && short(t, 40) && doc.Issuer == "" && doc.Title == nil:
			// …文件, or a short text box above the title: a 标志 set
			// apart (the letter's, 30 mm from the page's top, has no 文件).
			doc.Issuer = strings.TrimSuffix(t, "文件")
		case docNumber.MatchString(t) && short(t, 60) && doc.Number == "" && !kinds.MatchString(t):
			doc.Number = docNumber.FindString(t)
			if m := signers.FindStringSubmatch(t); m != nil {
				doc.Signers = clean(m[1])
			}
		case signers.MatchString(t) && short(t, 40):
			doc.Signers = clean(signers.FindStringSubmatch(t)[1])
		default:
			goto title
		}
	}
title:
	// The title: centred or larger paragraphs, or the lines down to the
	// first ending in a 文种. Such lines followed by a 发文字号 were the
	// 发文机关标志 (one that does not end in 文件, as a letter's), and the
	// title comes after the number.
	body := bodySize(main)
	for {
		start := i
		formatted := false
		for ; i < len(main) && main[i].Table == nil && short(main[i].Text, 80) && !strings.HasSuffix(main[i].Text, "：") && !strings.HasSuffix(main[i].Text, ":"); i++ {
			if level, _, _ := headingNumber(main[i].Text); level > 0 || !main[i].Center && !(body > 0 && main[i].Size >= body+2) {
				break
			}
			formatted = true
		}
		if !formatted {
			i = start
			for k := start; k < len(main) && k < start+3 && main[k].Table == nil && short(main[k].Text, 80); k++ {
				if kinds.MatchString(main[k].Text) {
					i = k + 1
					break
				}
			}
		}
		var lines []string
		for _, p := range main[start:i] {
			lines = append(lines, p.Text)
		}
		if formatted && doc.Number == "" && doc.Issuer == "" && i < len(main) && main[i].Table == nil && docNumber.MatchString(main[i].Text) && short(main[i].Text, 60) {
			doc.Issuer = strings.TrimSuffix(strings.Join(lines, ""), "文件")
			doc.Number = docNumber.FindString(main[i].Text)
			if m := signers.FindStringSubmatch(main[i].Text); m != nil {
				doc.Signers = clean(m[1])
			}
			i++
			continue
		}
		doc.Title = lines
		break
	}
	// The 主送机关: a line ending in ：, above the body.
	if i < len(main) && main[i].Table == nil {
		t := main[i].Text
		if (strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")) && short(t, 120) && !annexList.MatchString(t) {
			doc.Recipients = strings.TrimRight(t, "：:")
			i++
		}
	}
	return main[i:]
}

func isHeading(text string) bool {
	level, _, _ := headingNumber(text)
	return level > 0
}

// bodySize is the size most of the text is set in (0 when the draft has
// no sizes): a title is larger.
func bodySize(paras []Para) float64 {
	chars := map[float64]int{}
	for _, p := range paras {
		if p.Size > 0 {
			chars[p.Size] += utf8.RuneCountInString(p.Text)
		}
	}
	size, most := 0.0, 0
	for s, n := range chars {
		if n > most || n == most && s < size {
			size, most = s, n
		}
	}
	return size
}

// back takes the parts below the body off the end of main: 附注, 成文日期,
// 署名 and the 附件说明. A paragraph after the 成文日期 that is not the 附注
// stays body text, reported.
func (doc *Document) back(d *Draft, main []Para) []Para {
	end := len(main)
	var after []Para // after the date: kept as body text
	for k := len(main) - 1; k >= 0 && k >= len(main)-6; k-- {
		p := main[k]
		if p.Table != nil {
			break
		}
		text := p.Text
		sig := ""
		date := isoDate(text)
		if i := strings.LastIndexAny(text, "\t 　"); date == "" && i > 0 {
			// 署名 and date on one line, set apart by tabs or spaces
			_, size := utf8.DecodeRuneInString(text[i:])
			if date = isoDate(text[i+size:]); date != "" {
				sig = clean(text[:i])
			}
		}
		if date == "" {
			continue
		}
		doc.Date = date
		for _, q := range main[k+1:] {
			if m := noteRe.FindStringSubmatch(q.Text); m != nil && doc.Note == "" && q.Table == nil {
				doc.Note = clean(m[1])
				continue
			}
			d.warn(q.N, "kept as body text: it follows the 成文日期 and is not a 附注 in brackets")
			after = append(after, q)
		}
		end = k
		switch {
		case sig != "" && short(sig, 40):
			doc.Signature = sig
		case sig != "":
			d.warn(p.N, "kept as body text: %q stands before the 成文日期 but is too long for a 署名", sig)
			after = append([]Para{{N: p.N, Text: sig}}, after...)
		case k > 0 && main[k-1].Table == nil && short(main[k-1].Text, 40) && !strings.ContainsAny(main[k-1].Text, "，,：:"):
			doc.Signature = main[k-1].Text
			end = k - 1
			if q := end - 1; q >= 0 && main[q].Table == nil && short(main[q].Text, 40) && !strings.ContainsAny(main[q].Text, "，,：:") && !annexList.MatchString(main[q].Text) && !listNumber.MatchString(main[q].Text) && !isHeading(main[q].Text) {
				d.warn(main[q].N, "kept as body text: %q stands above the 署名 like a second one; for a joint document (联合行文) write signature (and issuer) as lists", main[q].Text)
			}
		}
		break
	}
	// The 附件说明: 附件：1．… and the lines after it, just above the 署名.
	for k := end - 1; k >= 0 && k >= end-20; k-- {
		if main[k].Table != nil {
			break
		}
		m := annexList.FindStringSubmatch(main[k].Text)
		if m == nil {
			continue
		}
		var titles []string
		if t := clean(m[1]); t != "" {
			titles = append(titles, t)
		}
		listed := true // the lines after it are the other titles: numbered, or short
		for _, p := range main[k+1 : end] {
			listed = listed && p.Table == nil && (listNumber.MatchString(p.Text) || short(p.Text, 60))
			titles = append(titles, p.Text)
		}
		if !listed {
			break
		}
		for _, t := range titles {
			t = listNumber.ReplaceAllString(t, "")
			doc.Attachments = append(doc.Attachments, Attachment{Title: strings.TrimRight(t, "；;。")})
		}
		end = k
		break
	}
	return append(main[:end:end], after...)
}

// blocks turns paragraphs into a body's blocks: a typed heading number
// gives a heading of its level, whose number the template derives from
// the structure; where the draft's number is not the derived one, a note
// says so.
func blocks(d *Draft, paras []Para, annex int) []Block {
	var out []Block
	var count [5]int
	for _, p := range paras {
		if p.Table != nil {
			out = append(out, Block{N: p.N, Table: p.Table})
			continue
		}
		level, value, rest := headingNumber(p.Text)
		if level == 0 {
			out = append(out, Block{N: p.N, Text: p.Text})
			continue
		}
		count[level]++
		for k := level + 1; k < len(count); k++ {
			count[k] = 0
		}
		switch typed := strings.TrimSuffix(p.Text, rest); {
		case value == count[level]:
		case annex > 0:
			d.warn(p.N, "附件%d: the heading numbered %s is number %d of its level there; the template numbers headings by their place, so it prints %s", annex, typed, count[level], derivedNumber(level, count[level]))
		default:
			d.warn(p.N, "the heading numbered %s is number %d of its level here; the template numbers headings by their place, so it prints %s", typed, count[level], derivedNumber(level, count[level]))
		}
		out = append(out, Block{N: p.N, Level: level, Text: rest})
	}
	return out
}

// derivedNumber is the number the layout prints before the nth heading
// of level.
func derivedNumber(level, n int) string {
	switch level {
	case 1:
		return chineseNumber(n) + "、"
	case 2:
		return "（" + chineseNumber(n) + "）"
	case 3:
		return fmt.Sprintf("%d．", n)
	}
	return fmt.Sprintf("（%d）", n)
}

// annexes reads each annex: its label, its title, then a table (with any
// text under it as its 表注) or text.
func (doc *Document) annexes(d *Draft, paras []Para) {
	for i := 0; i < len(paras); {
		label := paras[i]
		m := annexLabel.FindStringSubmatch(label.Text)
		n := len(doc.Annexes()) + 1
		if m[1] != "" {
			n = numberValue(m[1])
		}
		j := i + 1
		for j < len(paras) && !(paras[j].Table == nil && annexLabel.MatchString(paras[j].Text) && (paras[j].PageBreak || j > i+1)) {
			j++
		}
		content := paras[i+1 : j]
		i = j
		a := Attachment{N: label.N}
		if len(content) > 0 && content[0].Table == nil && short(content[0].Text, 80) {
			a.Title = content[0].Text
			content = content[1:]
		}
		tables := 0
		for _, p := range content {
			if p.Table != nil {
				tables++
			}
		}
		if tables == 1 && content[0].Table != nil {
			a.Table = content[0].Table
			for _, p := range content[1:] {
				a.Note = append(a.Note, p.Text)
			}
		} else {
			a.Text = blocks(d, content, n)
		}
		if next := len(doc.Attachments) + 1; n < 1 || n > next || n < next && doc.Attachments[n-1].N > 0 {
			// a number out of sequence, or one already seen: the next
			// annex, so that no annex takes another's place
			d.warn(label.N, "the annex labelled %s is out of sequence: it is kept as 附件%d", label.Text, next)
			n = next
		}
		for len(doc.Attachments) < n {
			doc.Attachments = append(doc.Attachments, Attachment{})
		}
		listed := &doc.Attachments[n-1]
		switch {
		case listed.Title == "":
			listed.Title = a.Title
		case a.Title != "" && a.Title != listed.Title:
			d.warn(label.N, "附件%d's title on its page, %q, is not the one the 附件说明 lists, %q: the 附件说明's is kept for both", n, a.Title, listed.Title)
		}
		listed.N, listed.Table, listed.Note, listed.Text = a.N, a.Table, a.Note, a.Text
	}
}

// Annexes are the attachments the draft has pages for.
func (doc *Document) Annexes() []Attachment {
	var out []Attachment
	for _, a := range doc.Attachments {
		if a.N > 0 {
			out = append(out, a)
		}
	}
	return out
}
