//! Small pieces of English shared by the explanations.

/// "1 peer", "3 peers", "2 bucket refreshes".
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// "0–1 peers"; [`count`] when `lo` and `hi` are equal.
pub fn count_range(lo: u64, hi: u64, noun: &str) -> String {
    if lo == hi {
        count(hi, noun)
    } else {
        format!("{lo}–{hi} {}", plural(noun))
    }
}

/// "peers", "bucket refreshes", "addresses".
fn plural(noun: &str) -> String {
    let ending = if noun.ends_with("sh") || noun.ends_with('s') || noun.ends_with('x') {
        "es"
    } else {
        "s"
    };
    format!("{noun}{ending}")
}

/// A peer id short enough for a sentence: `12D3KooW…NASuq`.
pub fn short_peer(id: &str) -> String {
    // byte offsets of the 9th character and of the 5th from the end
    let head = id.char_indices().nth(8).map(|(k, _)| k);
    let tail = id.char_indices().rev().nth(4).map(|(k, _)| k);
    match (head, tail) {
        (Some(head), Some(tail)) if id.chars().count() > 16 => {
            let mut short = String::with_capacity(head + 3 + id.len() - tail);
            short.push_str(&id[..head]);
            short.push('…');
            short.push_str(&id[tail..]);
            short
        }
        _ => id.to_owned(),
    }
}

/// What an evaluated quorum number usually stands for (default replication factor 20).
pub fn quorum_name(q: u64) -> &'static str {
    match q {
        1 => "Quorum::One or Quorum::N(1)",
        11 => "Quorum::Majority with the default replication factor of 20",
        20 => "Quorum::All with the default replication factor of 20",
        _ => "Quorum::N(k), or All/Majority with a custom replication factor",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_names() {
        assert_eq!(count(1, "peer"), "1 peer");
        assert_eq!(count(0, "peer"), "0 peers");
        assert_eq!(count(2, "bucket refresh"), "2 bucket refreshes");
        assert_eq!(count_range(0, 1, "DHT peer"), "0–1 DHT peers");
        assert_eq!(count_range(1, 1, "DHT peer"), "1 DHT peer");
        assert_eq!(
            short_peer("12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"),
            "12D3KooW…NASuq"
        );
        assert_eq!(short_peer("1A"), "1A");
        // characters, not bytes: 16 stay whole, 17 are shortened
        assert_eq!(short_peer("ääääääääbcdefghi"), "ääääääääbcdefghi");
        assert_eq!(short_peer("ääääääääbcdefghij"), "ääääääää…fghij");
        assert!(quorum_name(20).starts_with("Quorum::All"));
    }
}
