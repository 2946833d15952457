//! Parses every line of a file with `debugfmt::find` and prints MB/s: a
//! profiling and benchmarking aid (`cargo run --release --example parse_file FILE`).

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: parse_file FILE [ROUNDS]");
    let rounds: usize = std::env::args()
        .nth(2)
        .map_or(1, |r| r.parse().expect("ROUNDS is a number"));
    let bytes = std::fs::read(path).expect("the file is readable");
    let text = String::from_utf8_lossy(&bytes);
    let start = Instant::now();
    let mut values = 0;
    for _ in 0..rounds {
        values += text
            .lines()
            .map(|l| p2plog::debugfmt::find(l).len())
            .sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!(
        "{mb:.1} MB, {values} values in {secs:.3} s: {:.0} MB/s, {:.0} values/s",
        mb / secs,
        values as f64 / secs
    );
}
