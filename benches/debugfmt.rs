//! Throughput of the Debug parser on event-dense real text: every event line of
//! the `tag`-format fixtures (real libp2p 0.57 output) goes through
//! `debugfmt::find`, as pipe mode does per line. Reports MB/s (criterion's
//! `Throughput::Bytes`); events/s = MB/s × events/MB, printed once at the start.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use p2plog::debugfmt;

fn corpus() -> String {
    let mut text = String::new();
    for scenario in [
        "lone",
        "pair",
        "cluster5",
        "client-mode",
        "dial-failures",
        "relay",
    ] {
        let path = format!("{}/fixtures/{scenario}/tag.log", env!("CARGO_MANIFEST_DIR"));
        let log = std::fs::read_to_string(&path).expect("the fixture exists");
        for line in log
            .lines()
            .filter(|l| l.starts_with("[DHT] [EVENT] ") || l.starts_with("[SWARM] "))
        {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let lines: Vec<&str> = text.lines().collect();
    let events: usize = lines.iter().map(|l| debugfmt::find(l).len()).sum();
    eprintln!(
        "corpus: {} lines, {} bytes, {events} values ({:.0} values/MB)",
        lines.len(),
        text.len(),
        events as f64 / (text.len() as f64 / 1e6)
    );
    let mut group = c.benchmark_group("debugfmt");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find_per_line", |b| {
        b.iter(|| lines.iter().map(|l| debugfmt::find(l).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
