//! Dense indices for string ids, assigned in sorted id order.
//!
//! The engine sums and sorts over these indices, so every result is the same
//! whatever order the caller passes entries and sheets in — down to the last bit
//! of every floating-point sum.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The id → index map. Ids come from the server's own records, so a fast
/// non-keyed hash is safe here; results never depend on hash order.
type Lookup<'a> = HashMap<&'a str, u32, BuildHasherDefault<FxHasher>>;

/// Ids mapped to `0..n` in ascending id order.
pub(crate) struct Dense<'a> {
    /// The distinct ids, ascending; an id's index is its position here.
    pub sorted: Vec<&'a str>,
    /// For each id passed in, in input order, its index.
    pub of_input: Vec<u32>,
    lookup: Lookup<'a>,
}

impl<'a> Dense<'a> {
    /// Indexes `ids` (repeats allowed).
    pub fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut lookup = Lookup::default();
        let mut first_seen: Vec<&'a str> = Vec::new();
        let mut of_input: Vec<u32> = Vec::with_capacity(ids.size_hint().0);
        for id in ids {
            let next = index_u32(first_seen.len());
            let provisional = *lookup.entry(id).or_insert_with(|| {
                first_seen.push(id);
                next
            });
            of_input.push(provisional);
        }
        let mut order: Vec<u32> = (0..index_u32(first_seen.len())).collect();
        order.sort_unstable_by_key(|&p| first_seen[p as usize]);
        let mut final_of = vec![0_u32; first_seen.len()];
        for (final_index, &p) in order.iter().enumerate() {
            final_of[p as usize] = index_u32(final_index);
        }
        for index in lookup.values_mut() {
            *index = final_of[*index as usize];
        }
        for index in &mut of_input {
            *index = final_of[*index as usize];
        }
        let sorted = order.iter().map(|&p| first_seen[p as usize]).collect();
        Self {
            sorted,
            of_input,
            lookup,
        }
    }

    /// The index of `id`, if it was indexed.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.lookup.get(id).copied()
    }

    /// How many distinct ids.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }
}

/// The multiply-rotate hash of rustc's `FxHasher`: a few cycles per 8 bytes.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0_u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Stage sizes are far below `u32::MAX`; saturate rather than wrap if one is not.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_follow_sorted_ids() {
        let dense = Dense::new(["c", "a", "c", "b"].into_iter());
        assert_eq!(dense.sorted, vec!["a", "b", "c"]);
        assert_eq!(dense.of_input, vec![2, 0, 2, 1]);
        assert_eq!(dense.get("b"), Some(1));
        assert_eq!(dense.get("z"), None);
        assert_eq!(dense.len(), 3);
    }
}
