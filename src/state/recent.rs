//! [`Recent`]: a map that forgets its oldest entries, so that what a view
//! remembers per peer, key or event stays bounded on a log of any length.

use std::borrow::Borrow;
use std::hash::Hash;

use foldhash::HashMap;

/// How many new entries a [`Recent`] takes before it forgets the oldest:
/// a per-node bound (about 2.2 MB for the `seen` counts at most: two maps of
/// 32 768 entries in 65 536 slots).
pub const KEPT: usize = 1 << 15;

/// Entries in two generations of at most `cap` each: when the current one
/// is full it becomes the previous one, and the previous one is dropped. An
/// entry used again moves to the current generation, so what was seen in
/// the last `cap` new entries is never forgotten.
#[derive(Debug)]
pub struct Recent<K, V> {
    now: HashMap<K, V>,
    before: HashMap<K, V>,
    cap: usize,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            now: HashMap::default(),
            before: HashMap::default(),
            cap: KEPT,
        }
    }
}

impl<K: Hash + Eq, V: Default> Recent<K, V> {
    #[cfg(test)]
    pub fn new(cap: usize) -> Self {
        Recent {
            now: HashMap::default(),
            before: HashMap::default(),
            cap,
        }
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.now.get(key).or_else(|| self.before.get(key))
    }

    /// The value of `key`, made (default) or brought back when it is not in
    /// the current generation.
    pub fn entry(&mut self, key: K) -> &mut V {
        if self.now.len() >= self.cap && !self.now.contains_key(&key) {
            let value = self.before.remove(&key).unwrap_or_default();
            // the older generation goes; its allocation is used again
            std::mem::swap(&mut self.now, &mut self.before);
            self.now.clear();
            return self.now.entry(key).or_insert(value);
        }
        let before = &mut self.before;
        (self.now.entry(key)).or_insert_with_key(|k| before.remove(k).unwrap_or_default())
    }

    pub fn clear(&mut self) {
        self.now.clear();
        self.before.clear();
    }

    /// How many entries are kept (at most twice the cap).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.now.len() + self.before.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_at_most_two_generations_and_what_was_used_lately() {
        let mut r: Recent<u64, u64> = Recent::new(4);
        *r.entry(0) += 1;
        for k in 1..100 {
            *r.entry(k) += 1;
            // 0 is used again every few entries: it is never forgotten
            if k % 3 == 0 {
                *r.entry(0) += 1;
            }
            assert!(r.len() <= 8);
        }
        assert_eq!(r.get(&0), Some(&34));
        assert_eq!(r.get(&99), Some(&1));
        assert_eq!(r.get(&1), None);
        r.clear();
        assert_eq!(r.get(&0), None);
    }

    /// Found by the code review: the branch where the current generation is
    /// full and the key is in the older one went untested.
    #[test]
    fn a_key_brought_back_at_a_full_generation_keeps_its_count() {
        let mut r: Recent<char, u64> = Recent::new(2);
        *r.entry('a') += 5;
        *r.entry('b') += 1;
        *r.entry('c') += 1; // now {c}, before {a, b}
        *r.entry('d') += 1; // now {c, d}: full
        *r.entry('a') += 1; // before {c, d}, now {a}
        assert_eq!(r.get(&'a'), Some(&6));
        assert_eq!((r.get(&'c'), r.get(&'b')), (Some(&1), None));
        assert!(r.len() <= 4);
    }
}
