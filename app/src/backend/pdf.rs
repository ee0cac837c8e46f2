//! Printable documents generated on the server: a column of text blocks laid
//! out on A4 pages, numbered in the footer, with the free fonts shipped in
//! `app/fonts` embedded (only the glyphs used). Small on purpose: the
//! submission package needs headings, paragraphs and notes, not a typesetter.

mod font;

use font::{EmbeddedFont, Weight};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm.
const MARGIN: f32 = 56.7;
/// Where the footer's baseline sits.
const FOOTER_Y: f32 = 30.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The grey of notes and the footer (0 is black).
const NOTE_GREY: f32 = 0.35;

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title.
    Title(String),
    /// A section heading; kept on the page of its first lines.
    Heading(String),
    /// Body text; a line break in it starts a new paragraph.
    Paragraph(String),
    /// Small grey text (word counts, warnings, remarks).
    Note(String),
    /// The next block starts on a new page.
    PageBreak,
}

/// A generated document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// What a document says about itself.
pub struct DocumentInfo<'a> {
    /// The title PDF readers show.
    pub title: &'a str,
    /// Left of the page number in every footer.
    pub footer: &'a str,
    /// "Halaman {page} dari {pages}" in the document's language.
    pub page_of: &'a dyn Fn(usize, usize) -> String,
    /// BCP 47 tag, e.g. `id`.
    pub language: &'a str,
}

/// A line placed on a page.
struct Line {
    weight: Weight,
    size: f32,
    grey: bool,
    x: f32,
    y: f32,
    text: String,
}

/// The text's style per block kind: weight, size, leading, space before.
fn style(block: &Block) -> (Weight, f32, f32, f32) {
    match block {
        Block::Title(_) => (Weight::Bold, 17.0, 22.0, 0.0),
        Block::Heading(_) => (Weight::Bold, 12.5, 17.0, 14.0),
        Block::Paragraph(_) => (Weight::Regular, 10.5, 15.0, 4.0),
        Block::Note(_) | Block::PageBreak => (Weight::Regular, 9.0, 13.0, 2.0),
    }
}

/// Lays the blocks out on pages.
struct Layout {
    pages: Vec<Vec<Line>>,
    /// The next baseline on the current page.
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Whether `height` more points fit above the bottom margin.
    fn fits(&self, height: f32) -> bool {
        self.y - height >= MARGIN
    }

    fn place(&mut self, fonts: &[EmbeddedFont; 2], block: &Block) {
        let (weight, size, leading, before) = style(block);
        let text = match block {
            Block::PageBreak => {
                if !self.pages.last().is_none_or(Vec::is_empty) {
                    self.new_page();
                }
                return;
            }
            Block::Title(text)
            | Block::Heading(text)
            | Block::Paragraph(text)
            | Block::Note(text) => text,
        };
        let font = &fonts[weight as usize];
        let lines = wrap(font, size, text);
        // A heading never ends a page: it goes with its first two lines.
        let keep = if matches!(block, Block::Heading(_)) {
            3.0
        } else {
            1.0
        };
        let top_of_page = self.pages.last().is_none_or(Vec::is_empty);
        let before = if top_of_page { 0.0 } else { before };
        if !self.fits(before + leading * keep) {
            self.new_page();
        } else {
            self.y -= before;
        }
        for line in lines {
            if !self.fits(leading) {
                self.new_page();
            }
            // A paragraph gap that would open a page is left out.
            if line.is_empty() && self.pages.last().is_none_or(Vec::is_empty) {
                continue;
            }
            self.y -= leading;
            let baseline = self.y + leading - size;
            if let Some(page) = self.pages.last_mut().filter(|_| !line.is_empty()) {
                page.push(Line {
                    weight,
                    size,
                    grey: matches!(block, Block::Note(_)),
                    x: MARGIN,
                    y: baseline,
                    text: line,
                });
            }
        }
    }
}

/// `text` broken into lines no wider than the text column; an empty line
/// between paragraphs, a word longer than a line broken where it must.
/// Linear in the text's length: each character is measured once, and the
/// characters that draw nothing (controls, zero-width and direction marks)
/// are dropped first — a "word" of a million zero-width spaces must not
/// cost a million measurements per line.
fn wrap(font: &EmbeddedFont, size: f32, text: &str) -> Vec<String> {
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    for (index, paragraph) in text
        .lines()
        .map(printable)
        .filter(|line| !line.trim().is_empty())
        .enumerate()
    {
        if index > 0 {
            lines.push(String::new());
        }
        let (mut line, mut width) = (String::new(), 0.0);
        for word in paragraph.split_whitespace() {
            let word_width = font.width(word, size);
            if !line.is_empty() && width + space + word_width <= TEXT_WIDTH {
                line.push(' ');
                line.push_str(word);
                width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            if word_width <= TEXT_WIDTH {
                line.push_str(word);
                width = word_width;
                continue;
            }
            for character in word.chars() {
                let advance = font.width(character.encode_utf8(&mut [0; 4]), size);
                if !line.is_empty() && width + advance > TEXT_WIDTH {
                    lines.push(std::mem::take(&mut line));
                    width = 0.0;
                }
                line.push(character);
                width += advance;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// `text` without the characters that draw nothing or reorder what follows
/// (controls, format characters such as U+200B or U+202E); tabs become spaces.
fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|character| match character {
            '\t' => Some(' '),
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}' => None,
            character if character.is_control() => None,
            character => Some(character),
        })
        .collect()
}

/// Compressed with zlib, as PDF's `FlateDecode` reads it.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The document made of `blocks`.
///
/// # Errors
/// Only if a shipped font could not be subset (a build defect, tested).
pub fn render(info: &DocumentInfo<'_>, blocks: &[Block]) -> Result<Rendered, subsetter::Error> {
    let mut fonts = [
        EmbeddedFont::new(Weight::Regular),
        EmbeddedFont::new(Weight::Bold),
    ];
    let mut layout = Layout::new();
    for block in blocks {
        layout.place(&fonts, block);
    }
    let pages = layout.pages;
    let total = pages.len();

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let document_info = Ref::new(3);
    let font_refs = [Ref::new(4), Ref::new(9)];
    let first_page = 14;
    let page_ref = |index: usize| Ref::new(first_page + 2 * i32::try_from(index).unwrap_or(0));

    let mut pdf = Pdf::new();
    pdf.catalog(catalog)
        .pages(tree)
        .lang(TextStr(info.language));
    pdf.document_info(document_info)
        .title(TextStr(info.title))
        .producer(TextStr("Juara"));
    pdf.pages(tree)
        .kids((0..total).map(page_ref))
        .count(i32::try_from(total).unwrap_or(i32::MAX));

    for (index, lines) in pages.iter().enumerate() {
        let mut content = Content::new();
        let footer = footer_lines(&fonts[0], info, index + 1, total);
        for line in lines.iter().chain(&footer) {
            let font = &mut fonts[line.weight as usize];
            content.set_fill_gray(if line.grey { NOTE_GREY } else { 0.0 });
            content
                .begin_text()
                .set_font(Name(font_name(line.weight)), line.size)
                .set_text_matrix([1.0, 0.0, 0.0, 1.0, line.x, line.y])
                .show(Str(&font.encode(&line.text)))
                .end_text();
        }
        let contents = Ref::new(page_ref(index).get() + 1);
        let mut page = pdf.page(page_ref(index));
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(contents);
        page.resources()
            .fonts()
            .pair(Name(font_name(Weight::Regular)), font_refs[0])
            .pair(Name(font_name(Weight::Bold)), font_refs[1]);
        page.finish();
        pdf.stream(contents, &deflate(&content.finish()))
            .filter(Filter::FlateDecode);
    }
    for (font, reference) in fonts.iter().zip(font_refs) {
        font.write(&mut pdf, reference)?;
    }
    Ok(Rendered {
        bytes: pdf.finish(),
        pages: total,
    })
}

/// The footer of page `page`: the document's line on the left, cut short
/// with an ellipsis where it would reach the page number on the right.
fn footer_lines(
    font: &EmbeddedFont,
    info: &DocumentInfo<'_>,
    page: usize,
    pages: usize,
) -> [Line; 2] {
    const SIZE: f32 = 8.5;
    const GAP: f32 = 12.0;
    let number = (info.page_of)(page, pages);
    let number_width = font.width(&number, SIZE);
    let room = TEXT_WIDTH - number_width - GAP;
    let mut left = info.footer.to_owned();
    if font.width(&left, SIZE) > room {
        while !left.is_empty() && font.width(&format!("{left}…"), SIZE) > room {
            left.pop();
        }
        left = format!("{}…", left.trim_end());
    }
    let line = |x: f32, text: String| Line {
        weight: Weight::Regular,
        size: SIZE,
        grey: true,
        x,
        y: FOOTER_Y,
        text,
    };
    [
        line(MARGIN, left),
        line(PAGE_WIDTH - MARGIN - number_width, number),
    ]
}

fn font_name(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => b"R",
        Weight::Bold => b"B",
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, DocumentInfo, render};

    fn info() -> DocumentInfo<'static> {
        DocumentInfo {
            title: "Uji",
            footer: "Juara",
            page_of: &|page, pages| format!("Halaman {page} dari {pages}"),
            language: "id",
        }
    }

    #[test]
    fn a_long_text_flows_onto_numbered_pages() {
        let paragraph =
            "Pelayanan administrasi kependudukan jemput bola di kelurahan. ".repeat(400);
        let rendered = render(
            &info(),
            &[Block::Title("Judul".into()), Block::Paragraph(paragraph)],
        )
        .expect("the shipped fonts subset");
        assert!(rendered.pages >= 5, "{} pages", rendered.pages);
        assert!(rendered.bytes.starts_with(b"%PDF-"));
        // The subset keeps the document small: a few dozen glyphs, not the face.
        assert!(
            rendered.bytes.len() < 120_000,
            "{} bytes",
            rendered.bytes.len()
        );
    }

    #[test]
    fn a_long_footer_is_cut_short_before_the_page_number() {
        let font = super::EmbeddedFont::new(super::Weight::Regular);
        let long = "Dinas Sosial, Pemberdayaan Perempuan, Perlindungan Anak ".repeat(4);
        let info = DocumentInfo {
            footer: &long,
            ..info()
        };
        let [left, number] = super::footer_lines(&font, &info, 12, 12);
        assert!(left.text.ends_with('…'), "{}", left.text);
        assert_eq!(number.text, "Halaman 12 dari 12");
        assert!(left.x + font.width(&left.text, left.size) < number.x);
        assert!(
            number.x + font.width(&number.text, number.size)
                <= super::PAGE_WIDTH - super::MARGIN + 0.01
        );
    }

    #[test]
    fn text_that_draws_nothing_costs_nothing_and_long_words_break() {
        let font = super::EmbeddedFont::new(super::Weight::Regular);
        let sneaky = format!("a{}{}", "\u{200b}".repeat(200_000), "b".repeat(2_000));
        let lines = super::wrap(&font, 10.5, &sneaky);
        assert!(lines.len() > 10, "{} lines", lines.len());
        assert!(lines.iter().all(|line| !line.contains('\u{200b}')));
        assert!(
            lines
                .iter()
                .all(|line| font.width(line, 10.5) <= super::TEXT_WIDTH)
        );
        assert_eq!(super::printable("a\u{202e}b\tc\u{7}"), "ab c");
    }

    #[test]
    fn a_page_break_on_an_empty_page_adds_no_page() {
        let rendered = render(
            &info(),
            &[
                Block::PageBreak,
                Block::Title("A".into()),
                Block::PageBreak,
                Block::Note("B".into()),
            ],
        )
        .expect("the shipped fonts subset");
        assert_eq!(rendered.pages, 2);
    }
}
