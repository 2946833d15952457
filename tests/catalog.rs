//! The long-form texts of `p2plog catalog` (grammars/explain/, format in
//! grammars/README.md): one file per kind, the required sections, a sample
//! that p2plog recognises as that kind and that was copied from a fixture,
//! and the `catalog` command itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use p2plog::app::explain_text;
use p2plog::grammars::GRAMMARS;
use p2plog::knowledge::catalog::{self, Entry};
use p2plog::knowledge::Context;
use p2plog::summary::FINDING_KINDS;

use crate::util::{path, run, run_with_stdin};

/// Kinds that no fixture shows, each with where its sample comes from.
/// A kind leaves this list as soon as a fixture shows it (a test checks).
const NOT_IN_FIXTURES: &[(&str, &str)] = &[
    // the fixtures' nodes do not panic
    ("app.panic", "rust-libp2p issue 2036"),
    // no fixture node sets an idle timeout `Instant` cannot hold
    ("swarm.log.IdleTimeoutHalved", "rust-libp2p v0.56.0's ping example"),
    // the fixtures' pings do not fail
    ("ping.log.Failure", "rust-libp2p issue 4410"),
    // [src]: a GetRecord timeout of fixtures/cluster25/tag.log.gz with its result
    // replaced by the GetProviders Timeout shape; key and closest_peers illustrative.
    (
        "kad.GetProviders.Timeout",
        "derived from a GetRecord timeout in fixtures/cluster25/tag.log.gz",
    ),
    // [src]: never constructed by libp2p-kad 0.45–0.48, removed in 0.49; the
    // GetRecord lookup of fixtures/lone/tag.log with the old variant's shape.
    (
        "kad.GetRecord.QuorumFailed",
        "derived from a GetRecord result in fixtures/lone/tag.log",
    ),
    // [src]: the kad::Event derive shape with the peer id and address of a real
    // RoutingUpdated in fixtures/pair/tag.log (needs a full k-bucket).
    (
        "kad.PendingRoutablePeer",
        "derived from a RoutingUpdated in fixtures/pair/tag.log",
    ),
    // [src]: the StartProviding Ok line of fixtures/pair/tag.log with the
    // QueryResult variant renamed (same AddProviderResult; re-announced every 12 h).
    (
        "kad.RepublishProvider.Ok",
        "derived from a StartProviding result in fixtures/pair/tag.log",
    ),
    // [src]: the PutRecord timeout of fixtures/cluster25/tag.log.gz with the
    // AddProviderError::Timeout shape.
    (
        "kad.RepublishProvider.Timeout",
        "derived from a PutRecord timeout in fixtures/cluster25/tag.log.gz",
    ),
    // [src]: the PutRecord Ok line of fixtures/pair/tag.log with the QueryResult
    // variant renamed (same PutRecordResult; re-published every 22 h).
    (
        "kad.RepublishRecord.Ok",
        "derived from a PutRecord result in fixtures/pair/tag.log",
    ),
    // [run]: the reference's example (shared/reference/libp2p-events.md §3.2),
    // copied as written there, `<B>` and `…` included.
    (
        "kad.RepublishRecord.QuorumFailed",
        "the [run] example of the reference, §3.2",
    ),
    // [src]: the PutRecord timeout of fixtures/cluster25/tag.log.gz with the
    // variant renamed and quorum 20 (re-publication uses Quorum::All).
    (
        "kad.RepublishRecord.Timeout",
        "derived from a PutRecord timeout in fixtures/cluster25/tag.log.gz",
    ),
    // [src]: the kad::Event derive shape with the peer id and address of a real
    // RoutingUpdated in fixtures/pair/tag.log (needs a full k-bucket or manual inserts).
    (
        "kad.RoutablePeer",
        "derived from a RoutingUpdated in fixtures/pair/tag.log",
    ),
    // [src]: the PutRecord timeout of fixtures/cluster25/tag.log.gz with the
    // AddProviderError::Timeout shape.
    (
        "kad.StartProviding.Timeout",
        "derived from a PutRecord timeout in fixtures/cluster25/tag.log.gz",
    ),
    // [src]: libp2p 0.52's ConnectionClosed shape around the cause, peer and
    // address of a user's `Connection closed with error Handler(..)` line
    // (rust-libp2p PR 3964); the variant is gone since 0.53.
    (
        "swarm.ConnectionClosed.Handler",
        "derived from a libp2p 0.52 log line in rust-libp2p PR 3964",
    ),
    // Swarm and protocol kinds (tests/protocols.rs checks each sample's kind,
    // verdict and cause). [built]: printed by tools/print-shapes from real
    // libp2p 0.57.1 types, listed in tests/data/built-examples.txt; no loopback
    // scenario produces them (hour-long timers, NAT outcomes, mDNS and UPnP,
    // connection limits, failures of private protocol types).
    ("autonat.StatusChanged.Private", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("autonat.StatusChanged.Unknown", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("autonat.v2.Client.Ok", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("autonat.v2.Server.Err", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("autonat.v2.Server.Ok", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("gossipsub.Unsubscribed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("identify.Error.Apply", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("identify.Error.Io", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("identify.Error.Timeout", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("mdns.Expired", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("ping.Failure.Timeout", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.CircuitClosed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.CircuitReqAcceptFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.CircuitReqDenyFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.CircuitReqOutboundConnectFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.ReservationClosed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.ReservationReqAcceptFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.ReservationReqDenied", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.ReservationReqDenyFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("relay.ReservationTimedOut", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.DiscoverFailed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.DiscoverNotServed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.Expired", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.PeerNotRegistered", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.PeerUnregistered", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("rendezvous.RegistrationExpired", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.ExpiredListenAddr", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.ExternalAddrExpired", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.IncomingConnectionError.Aborted", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.IncomingConnectionError.LocalPeerId", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.IncomingConnectionError.WrongPeerId", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.ListenerClosed", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.ListenerError", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.OutgoingConnectionError.Aborted", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("swarm.OutgoingConnectionError.LocalPeerId", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("upnp.ExpiredExternalAddr", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("upnp.GatewayNotFound", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("upnp.NewExternalAddr", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    ("upnp.NonRoutableGateway", "[built] by tools/print-shapes, tests/data/built-examples.txt"),
    // Examples of shared/reference/libp2p-events.md, copied as written there.
    ("autonat.OutboundProbe.Error.NoServer", "the [run] example of the reference, §9"),
    ("autonat.v2.Client.NoConnection", "the [src] example of the reference, §9"),
    ("dcutr.Error.AttemptsExceeded", "the [src] example of the reference, §11"),
    ("gossipsub.SlowPeer", "the [built] example of the reference, §6"),
    ("mdns.Discovered", "the [built] example of the reference, §7"),
    ("rendezvous.RegisterFailed", "the [run] example of the reference, §8"),
    ("swarm.DialError.Denied", "the [src] example of the reference, §2.2"),
    ("swarm.TransportError.MultiaddrNotSupported", "the [run] example of the reference, §2.4"),
    // [src]: types that cannot be built outside their crate (autonat ProbeId,
    // dcutr's and autonat v2's private errors, request-response ids and
    // channels) and connection denials; written from the derive(Debug) shape
    // of the libp2p 0.57.1 source, the text under each sample says so.
    ("autonat.InboundProbe.Error.InboundRequest", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("autonat.InboundProbe.Error.Response", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("autonat.OutboundProbe.Error.NoAddresses", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("autonat.OutboundProbe.Error.OutboundRequest", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("autonat.OutboundProbe.Error.Response", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("autonat.v2.Client.StreamFailed", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("dcutr.Error.InboundError", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("dcutr.Error.OutboundError", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("request_response.InboundFailure.Io", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("request_response.InboundFailure.UnsupportedProtocols", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("swarm.IncomingConnectionError.Denied", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    ("swarm.OutgoingConnectionError.Denied", "[src]: the derive(Debug) shape of libp2p 0.57.1, values illustrative"),
    // libp2p log lines and API errors no fixture shows: their samples are
    // those of grammars/messages/ (whose test lists the same exemptions).
    ("gossipsub.PublishError.InsufficientPeers", "reference §6/§16: the pre-0.49 name, in the fixtures' publish() line shape (the fixtures run libp2p 0.57)"),
    ("gossipsub.log.OutboundStreamTimeout", "a user's line (the Fleek Network ursa node guide, a 2023 rust-libp2p, its docker compose prefix cut); the fixtures run libp2p 0.57, which logs this at DEBUG in other words"),
    ("gossipsub.log.GraftFromDirectPeer", "a user's line (the Fleek Network ursa node guide, a docker compose of a 2023 rust-libp2p); no fixture configures direct peers"),
    ("mdns.log.Discovered", "a user's line (an Avail libp2p_test_tool's example output, 2023; field test 6); the fixtures run without mDNS"),
    ("mdns.log.Expired", "a user's line (rust-libp2p issue 3309, libp2p-mdns 0.42); the fixtures run without mDNS"),
    ("kad.log.ClientMode", "reference §3.5 [run] (no fixture loses its external address)"),
    ("kad.log.InboundStreamDropped", "a user's line (rust-libp2p issue 5981, a Subspace node; no fixture sends kad requests that fast)"),
    ("kad.log.ReplicationFailed", "reference §3.5 (message of libp2p-kad-0.49.0/src/behaviour.rs:1790; no fixture runs an hour)"),
    ("kad.log.RecordNotStored.ValueTooLarge", "reference §3.5 (message of libp2p-kad-0.49.0/src/behaviour.rs:1912; with the default 16 KiB packet limit no peer can send such a record)"),
];

/// The sections every entry has, in this order.
const SECTIONS: &[&str] = &[
    "## Example",
    "## What it means",
    "## Common causes",
    "## What to check next",
];

fn exempt(kind: &str) -> bool {
    NOT_IN_FIXTURES.iter().any(|(k, _)| *k == kind)
}

/// The kinds p2plog recognises in `text`.
fn recognised(text: &str) -> Vec<String> {
    explain_text(text, "catalog", &Context::default())
        .into_iter()
        .map(|r| r.explanation.kind)
        .collect()
}

/// Every log under fixtures/ (`*.log`, `*.log.gz`), decoded, as its lines.
fn fixture_logs() -> &'static Vec<(PathBuf, Vec<String>)> {
    static LOGS: OnceLock<Vec<(PathBuf, Vec<String>)>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let mut logs = Vec::new();
        for dir in std::fs::read_dir(path("fixtures")).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() || dir.ends_with("generator") {
                continue;
            }
            for file in std::fs::read_dir(&dir).unwrap() {
                let file = file.unwrap().path();
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".log") || name.ends_with(".log.gz") {
                    let text = crate::fixtures::read(&file);
                    logs.push((file, text.lines().map(str::to_owned).collect()));
                }
            }
        }
        logs.sort();
        assert!(logs.len() >= 40, "fixtures/ lost its logs: {}", logs.len());
        logs
    })
}

/// For every kind some fixture shows: its first line (`file:line: text`),
/// preferring the one-line `tag.log` format. Each record (a line plus the
/// indented continuation lines of a `{:#?}` event) is explained on its own.
fn fixture_kinds() -> &'static BTreeMap<String, String> {
    static KINDS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut first: BTreeMap<String, (bool, String)> = BTreeMap::new();
        for (file, lines) in fixture_logs() {
            let tag = file.to_string_lossy().contains("tag");
            let mut i = 0;
            while i < lines.len() {
                let mut end = i + 1;
                while end < lines.len() && continues(&lines[end]) {
                    end += 1;
                }
                // as p2plog reads it: the pretty format colours the message
                let mut record = String::new();
                p2plog::input::strip_ansi(&lines[i..end].join("\n"), &mut record);
                for kind in recognised(&record) {
                    let better = first.get(&kind).is_none_or(|(was_tag, _)| tag && !was_tag);
                    if better {
                        let rel = file.strip_prefix(path("")).unwrap_or(file);
                        let at = format!("{}:{}: {}", rel.display(), i + 1, lines[i]);
                        first.insert(kind, (tag, at));
                    }
                }
                i = end;
            }
        }
        first.into_iter().map(|(k, (_, at))| (k, at)).collect()
    })
}

/// Whether a fixture line continues the record before it: it is indented,
/// and it is not the head of a tracing pretty event (two spaces, then the
/// time stamp, possibly coloured).
fn continues(line: &str) -> bool {
    let pretty_head = line
        .strip_prefix("  ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '\x1b'));
    line.starts_with(char::is_whitespace) && !pretty_head
}

/// The entry text's `## ` headings, in order.
fn sections(entry: &Entry) -> Vec<&'static str> {
    entry
        .text
        .lines()
        .filter(|l| l.starts_with("## "))
        .collect()
}

#[test]
fn every_kind_has_an_entry_and_every_entry_a_kind() {
    let mut kinds: BTreeSet<String> = p2plog::event::kinds().into_iter().collect();
    kinds.extend(FINDING_KINDS.iter().map(|k| k.to_string()));
    let entries: BTreeSet<String> = catalog::entries()
        .iter()
        .map(|e| e.kind.to_owned())
        .collect();
    let missing: Vec<_> = kinds.difference(&entries).collect();
    let extra: Vec<_> = entries.difference(&kinds).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "kinds without a grammars/explain/<kind>.md: {missing:?}\nentries for no kind p2plog produces: {extra:?}"
    );
    assert!(kinds.len() >= 32, "{} kinds", kinds.len());
}

#[test]
fn every_file_is_named_after_its_heading() {
    let files: Vec<_> = GRAMMARS
        .iter()
        .filter(|(p, _)| p.starts_with("explain/"))
        .collect();
    assert_eq!(
        files.len(),
        catalog::entries().len(),
        "a file without a `# <kind>: <title>` heading"
    );
    for (file, text) in files {
        let heading = text.lines().next().unwrap_or_default();
        let (kind, title) = heading
            .strip_prefix("# ")
            .and_then(|h| h.split_once(": "))
            .unwrap_or_else(|| {
                panic!("{file}: the first line is not `# <kind>: <title>`: {heading:?}")
            });
        assert_eq!(
            *file,
            format!("explain/{kind}.md"),
            "{file}: heading names {kind}"
        );
        assert!(!title.trim().is_empty(), "{file}: empty title");
    }
}

#[test]
fn every_entry_has_the_sections_in_order() {
    for e in catalog::entries() {
        assert_eq!(sections(&e), SECTIONS, "{}: `## ` sections", e.kind);
        let intro = &e.text[e.text.find('\n').unwrap()..e.text.find("\n## Example").unwrap()];
        assert!(!intro.trim().is_empty(), "{}: no opening paragraph", e.kind);
        let example =
            &e.text[e.text.find("## Example").unwrap()..e.text.find("## What it means").unwrap()];
        assert_eq!(
            example.matches("```log\n").count(),
            1,
            "{}: one ```log block under ## Example",
            e.kind
        );
        let causes = &e.text[e.text.find("## Common causes").unwrap()
            ..e.text.find("## What to check next").unwrap()];
        assert!(
            causes.lines().any(|l| l.starts_with("### ")),
            "{}: ## Common causes has no ### subsection",
            e.kind
        );
        let next = &e.text[e.text.find("## What to check next").unwrap()..];
        assert!(
            next.lines().count() > 2,
            "{}: ## What to check next is empty",
            e.kind
        );
        let lines = e.text.lines().count();
        assert!(
            lines <= 70,
            "{}: {lines} lines; keep an entry short",
            e.kind
        );
    }
}

#[test]
fn every_sample_is_one_event_of_its_kind() {
    for e in catalog::entries().into_iter().filter(|e| !is_finding(e)) {
        let sample = e
            .sample()
            .unwrap_or_else(|| panic!("{}: no sample", e.kind));
        assert!(!sample.contains('\n'), "{}: the sample is one line", e.kind);
        assert_eq!(
            recognised(sample),
            [e.kind],
            "{}: the sample as p2plog sees it",
            e.kind
        );
    }
}

#[test]
fn every_sample_is_a_fixture_line_unless_exempt() {
    let mut failures = Vec::new();
    for e in catalog::entries().into_iter().filter(|e| !is_finding(e)) {
        let sample = e.sample().unwrap();
        let found = fixture_logs()
            .iter()
            .any(|(_, lines)| lines.iter().any(|l| l == sample));
        match (found, exempt(e.kind)) {
            (true, false) | (false, true) => {}
            (true, true) => failures.push(format!(
                "{}: exempt, but its sample is a fixture line: remove it from NOT_IN_FIXTURES",
                e.kind
            )),
            (false, false) => failures.push(format!(
                "{}: the sample is no line of any file under fixtures/ (regenerated?); a fixture line of this kind:\n  {}",
                e.kind,
                fixture_kinds().get(e.kind).map_or(
                    "none (then list the kind in NOT_IN_FIXTURES, saying where its sample comes from)",
                    String::as_str
                )
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The sample of a finding about a whole log is a run of a fixture's lines
/// whose summary holds that finding, actionable, and fails `--fail-on
/// actionable` unless `--allow`ed.
#[test]
fn a_finding_kinds_sample_is_fixture_lines_that_give_the_finding() {
    let findings: Vec<Entry> = catalog::entries().into_iter().filter(is_finding).collect();
    assert_eq!(findings.len(), FINDING_KINDS.len());
    for e in findings {
        let sample = e.sample().unwrap();
        let found = fixture_logs().iter().any(|(_, lines)| {
            (lines.windows(sample.lines().count()))
                .any(|w| w.iter().map(String::as_str).eq(sample.lines()))
        });
        assert!(
            found,
            "{}: the sample is no run of a fixture's lines",
            e.kind
        );
        let log = format!("{sample}\n");
        let args = ["summary", "--format", "json", "--fail-on", "actionable"];
        let r = run_with_stdin(&args, log.as_bytes());
        assert_eq!(r.code, 1, "{}: {}", e.kind, r.stderr);
        let summary: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let first = &summary["findings"][0];
        assert_eq!(
            (first["kind"].as_str(), first["verdict"].as_str()),
            (Some(e.kind), Some("actionable"))
        );
        let args = ["summary", "--fail-on", "actionable", "--allow", e.kind];
        let allowed = run_with_stdin(&args, log.as_bytes());
        assert_eq!(allowed.code, 0, "{}: {}", e.kind, allowed.stderr);
    }
}

fn is_finding(e: &Entry) -> bool {
    FINDING_KINDS.contains(&e.kind)
}

#[test]
fn exemptions_are_kinds_that_no_fixture_shows() {
    let kinds = p2plog::event::kinds();
    let shown = fixture_kinds();
    let mut failures = Vec::new();
    for (kind, source) in NOT_IN_FIXTURES {
        assert!(!source.is_empty());
        if !kinds.iter().any(|k| k == kind) {
            failures.push(format!("{kind}: not a kind p2plog produces"));
        }
        if let Some(at) = shown.get(*kind) {
            failures.push(format!(
                "{kind} is exempt, but a fixture shows it; use that line as the sample:\n  {at}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // the scan itself works: the fixtures show the seed case
    assert!(
        shown.contains_key("kad.PutRecord.QuorumFailed"),
        "{:?}",
        shown.keys()
    );
}

#[test]
fn catalog_lists_every_kind_with_its_title() {
    let r = run(&["catalog"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: BTreeMap<&str, &str> = r
        .stdout
        .lines()
        .map(|l| {
            let (kind, title) = l.split_once("  ").unwrap_or((l, ""));
            (kind.trim(), title.trim())
        })
        .collect();
    for kind in p2plog::event::kinds() {
        let entry = catalog::entry(&kind).unwrap();
        assert_eq!(
            listed.get(kind.as_str()),
            Some(&entry.title),
            "{kind} in:\n{}",
            r.stdout
        );
    }
}

/// Found by the new-user review: the list was ~120 columns wide, so an
/// 80-column terminal broke every long line at its edge. A title now wraps
/// in its own column; piped, each kind keeps its one line (the test above).
#[test]
fn catalog_fits_the_terminal_width() {
    let listed = crate::util::stdout_at(80, &["catalog"]);
    let mut titles: BTreeMap<&str, String> = BTreeMap::new();
    let mut last = "";
    for line in listed.lines() {
        assert!(line.chars().count() <= 80, "{line:?} in:\n{listed}");
        match line.split_once("  ") {
            Some(("", more)) => titles
                .get_mut(last)
                .unwrap()
                .push_str(&format!(" {}", more.trim())),
            Some((kind, title)) => {
                last = kind;
                titles.insert(kind, title.trim().to_owned());
            }
            None => panic!("{line:?} in:\n{listed}"),
        }
    }
    for kind in p2plog::event::kinds() {
        let title = catalog::entry(&kind).unwrap().title;
        assert_eq!(
            titles.get(kind.as_str()).map(String::as_str),
            Some(title),
            "{kind}"
        );
    }
    assert!(listed.lines().count() > titles.len(), "no title wrapped");
}

#[test]
fn catalog_of_a_kind_prints_its_file() {
    let r = run(&["catalog", "kad.PutRecord.QuorumFailed"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file =
        std::fs::read_to_string(path("grammars/explain/kad.PutRecord.QuorumFailed.md")).unwrap();
    assert_eq!(r.stdout, file);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn catalog_of_an_unknown_kind_exits_2_with_a_message() {
    let r = run(&["catalog", "no.such.kind"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("no.such.kind"), "{}", r.stderr);
    assert!(r.stderr.contains("p2plog catalog"), "{}", r.stderr);
}
