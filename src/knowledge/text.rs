//! Small pieces of English shared by the explanations.

/// "1 peer", "3 peers", "2 bucket refreshes".
pub fn count(n: u64, noun: &str) -> String {
    let plural = if noun.ends_with("sh") || noun.ends_with('s') || noun.ends_with('x') {
        "es"
    } else {
        "s"
    };
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}{plural}")
    }
}

/// A peer id short enough for a sentence: `12D3KooW…NASuq`.
pub fn short_peer(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 16 {
        return id.to_owned();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 5..].iter().collect();
    format!("{head}…{tail}")
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
        assert_eq!(
            short_peer("12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"),
            "12D3KooW…NASuq"
        );
        assert_eq!(short_peer("1A"), "1A");
        assert!(quorum_name(20).starts_with("Quorum::All"));
    }
}
