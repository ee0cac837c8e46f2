//! A TrueType font embedded in a generated PDF: measured with `ttf-parser`
//! while the text is laid out, written as a CID font (Identity-H) holding only
//! the glyphs the document uses (`subsetter`), with a `/ToUnicode` map so that
//! the text can be searched, copied and read back by a parser.
//!
//! The fonts are DejaVu Sans (app/fonts, Bitstream Vera licence): free,
//! shipped in the repository, and covering every Latin letter Bahasa Indonesia
//! and the names of its places and people use.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

const REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");

/// The two faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Identity-H: every glyph is addressed by its two-byte id in the subset.
const IDENTITY: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One face, and the glyphs the document has used from it so far.
pub struct EmbeddedFont {
    face: Face<'static>,
    data: &'static [u8],
    /// The PostScript name with a subset tag (six capitals and `+`).
    base_name: &'static [u8],
    remapper: GlyphRemapper,
    /// New glyph id → the character it was used for (for `/ToUnicode`).
    characters: BTreeMap<u16, char>,
}

impl EmbeddedFont {
    /// The face of `weight`.
    ///
    /// # Panics
    /// Never with the fonts compiled in (they are parsed in a unit test).
    #[must_use]
    pub fn new(weight: Weight) -> EmbeddedFont {
        let (data, base_name): (&'static [u8], &'static [u8]) = match weight {
            Weight::Regular => (REGULAR, b"JUARAR+DejaVuSans"),
            Weight::Bold => (BOLD, b"JUARAB+DejaVuSans-Bold"),
        };
        EmbeddedFont {
            face: Face::parse(data, 0).expect("the font shipped in app/fonts parses"),
            data,
            base_name,
            remapper: GlyphRemapper::new(),
            characters: BTreeMap::new(),
        }
    }

    /// The glyph that draws `character`: the font's own, else `?` (a control
    /// character or a script DejaVu lacks must not break the document).
    fn glyph(&self, character: char) -> GlyphId {
        self.face
            .glyph_index(character)
            .or_else(|| self.face.glyph_index('?'))
            .unwrap_or(GlyphId(0))
    }

    /// How wide `text` is at `size` points.
    #[must_use]
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|character| {
                f32::from(
                    self.face
                        .glyph_hor_advance(self.glyph(character))
                        .unwrap_or(0),
                )
            })
            .sum();
        units * size / f32::from(self.face.units_per_em())
    }

    /// `text` as the content stream shows it: two bytes per glyph, in the
    /// subset's numbering. Records the glyphs for the subset.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for character in text.chars() {
            let glyph = self.remapper.remap(self.glyph(character).0);
            // A character the font lacks is drawn as `?`, and copies as `?`.
            let drawn = if self.face.glyph_index(character).is_some() {
                character
            } else {
                '?'
            };
            self.characters.entry(glyph).or_insert(drawn);
            bytes.extend_from_slice(&glyph.to_be_bytes());
        }
        bytes
    }

    /// Writes the font's objects, the Type0 font at `font` and the rest at
    /// `font + 1 ..= font + 4`.
    ///
    /// # Errors
    /// When the subsetter cannot read the font (not with the fonts shipped).
    pub fn write(&self, pdf: &mut Pdf, font: Ref) -> Result<(), subsetter::Error> {
        let (cid, descriptor, file, to_unicode) = (
            Ref::new(font.get() + 1),
            Ref::new(font.get() + 2),
            Ref::new(font.get() + 3),
            Ref::new(font.get() + 4),
        );
        let name = Name(self.base_name);
        pdf.type0_font(font)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(to_unicode);

        let scale = 1000.0 / f32::from(self.face.units_per_em());
        let widths: Vec<f32> = self
            .remapper
            .remapped_gids()
            .map(|old| f32::from(self.face.glyph_hor_advance(GlyphId(old)).unwrap_or(0)) * scale)
            .collect();
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(IDENTITY)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid_font.widths().consecutive(0, widths);
        cid_font.finish();

        let bbox = self.face.global_bounding_box();
        let units = |value: i16| f32::from(value) * scale;
        pdf.font_descriptor(descriptor)
            .name(name)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                units(bbox.x_min),
                units(bbox.y_min),
                units(bbox.x_max),
                units(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(units(self.face.ascender()))
            .descent(units(self.face.descender()))
            .cap_height(units(
                self.face.capital_height().unwrap_or(self.face.ascender()),
            ))
            .stem_v(80.0)
            .font_file2(file);

        let subset = subsetter::subset(self.data, 0, &self.remapper)?;
        let length = i32::try_from(subset.len()).unwrap_or(i32::MAX);
        pdf.stream(file, &super::deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), length);

        let mut cmap = UnicodeCmap::new(Name(b"Juara-UTF16"), IDENTITY);
        for (glyph, character) in &self.characters {
            cmap.pair(*glyph, *character);
        }
        pdf.stream(to_unicode, &super::deflate(&cmap.finish()))
            .filter(Filter::FlateDecode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{EmbeddedFont, Weight};

    #[test]
    fn both_shipped_faces_parse_and_measure_indonesian_text() {
        for weight in [Weight::Regular, Weight::Bold] {
            let font = EmbeddedFont::new(weight);
            let width = font.width("Pelayanan publik — Kecamatan Klojen", 10.0);
            assert!(width > 100.0 && width < 300.0, "{weight:?}: {width}");
        }
    }
}
