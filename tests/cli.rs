//! The command line: each command's output formats, exit codes and messages.

use crate::util::{run, run_with_stdin};

const SEED: &str = "OutboundQueryProgressed { id: QueryId(27), result: PutRecord(Err(QuorumFailed { key: Key(b\"/llama-cluster/llama-cluster/shard/1\"), success: [], quorum: 1 })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: Some(Instant { t: 15872.5850591s }), end: Some(Instant { t: 15872.6610159s }) }, step: ProgressStep { count: 1, last: true } }";

#[test]
fn explain_without_an_event_exits_2_with_a_message() {
    let r = run(&["explain", "Connection closed: peer left (3 retries)"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no libp2p event found"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn explain_reads_stdin_when_no_argument_is_given() {
    let r = run_with_stdin(&["explain", "--format", "json"], SEED.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"kind\":\"kad.PutRecord.QuorumFailed\""),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_flag_is_a_usage_error() {
    let r = run(&["explain", "--format", "yaml", SEED]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("yaml"), "{}", r.stderr);
}
