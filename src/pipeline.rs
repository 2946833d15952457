//! `pipeline`: the stages joined for one source. A [`Record`] (or any text) in,
//! its explained events out: Debug values found in the message (`debugfmt`)
//! and libp2p's own log messages, recognised (`event::find`), judged in the network view of the node that logged them
//! (`state` → `knowledge`), and the view updated. Peer-count changes are kept
//! for the summary. It reads and writes nothing itself: `app` drives it.

use std::borrow::Cow;

use crate::event;
use crate::format::{Cut, Formats, LineParser, Record};
use crate::knowledge;
use crate::render::Report;
use crate::state::Network;

/// A node's peer count changed (for "peers over time").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerChange {
    /// The node's name; empty for a source without node names.
    pub node: String,
    /// `dht` (routing table) or `connected`.
    pub counted: &'static str,
    pub line: u64,
    pub count: u64,
}

/// Explains the events of one source, in order.
#[derive(Debug, Default)]
pub struct Analyzer {
    network: Network,
    flag_peers: Option<u64>,
    /// Peer-count changes since the caller last drained them.
    pub changes: Vec<PeerChange>,
    /// Views that showed, since the caller last drained them, that they
    /// hold several nodes: the node name (empty: none) and the first sign.
    pub mixed: Vec<(String, crate::state::Mixed)>,
    /// Sentences only for the first event of each kind and verdict (what
    /// the summary shows); see [`Analyzer::brief`].
    brief: bool,
    /// With `brief`: the groups (a kind, or a kind and a cause) whose
    /// sentences were written, per verdict (indexed by severity).
    said: [foldhash::HashSet<String>; 4],
    /// The causes of each kind seen, capped as the summary caps them.
    causes: crate::summary::Causes,
}

/// Whether a log target is one of libp2p's crates (an app's own
/// `libp2p_sandbox` is not). In libp2p's own log lines the Debug values are
/// parts of a message (`Connection closed with error IO(..): Connected
/// {..}`), not events: unknown ones are not reported.
pub fn is_libp2p(target: Option<&str>) -> bool {
    target.is_some_and(|t| is_libp2p_crate(crate_of(t)))
}

/// [`is_libp2p`] of a target's crate.
fn is_libp2p_crate(krate: &str) -> bool {
    match krate.strip_prefix("libp2p_") {
        // rust-libp2p's crates, as log targets (its workspace, 0.53–0.57);
        // a `match`, not a list search: every record asks
        Some(name) => matches!(
            name,
            "allow_block_list"
                | "autonat"
                | "connection_limits"
                | "core"
                | "dcutr"
                | "dns"
                | "floodsub"
                | "gossipsub"
                | "identify"
                | "identity"
                | "kad"
                | "mdns"
                | "memory_connection_limits"
                | "metrics"
                | "mplex"
                | "noise"
                | "peer_store"
                | "perf"
                | "ping"
                | "plaintext"
                | "pnet"
                | "quic"
                | "relay"
                | "rendezvous"
                | "request_response"
                | "server"
                | "stream"
                | "swarm"
                | "swarm_test"
                | "tcp"
                | "tls"
                | "uds"
                | "upnp"
                | "webrtc"
                | "webrtc_utils"
                | "webrtc_websys"
                | "websocket"
                | "websocket_websys"
                | "webtransport_websys"
                | "yamux"
        ),
        None => matches!(krate, "libp2p" | "multistream_select"),
    }
}

/// Whether a log target is libp2p's or one of the crates libp2p runs on
/// (the DNS resolver of libp2p-dns, QUIC, yamux, TLS, noise's snow, the
/// async runtimes and their pollers, …):
/// their DEBUG lines print Debug values too (`sending request: [Query {
/// name: .. }]`), which are parts of messages, not events of the node.
pub fn is_libp2p_stack(target: Option<&str>) -> bool {
    target.is_some_and(|t| {
        let krate = crate_of(t);
        // crates libp2p's transports and protocols depend on, as log
        // targets (a `match`, not a list search: every record asks)
        is_libp2p_crate(krate)
            || matches!(
                krate,
                "hickory_proto"
                    | "hickory_resolver"
                    | "trust_dns_proto"
                    | "trust_dns_resolver"
                    | "quinn"
                    | "quinn_proto"
                    | "quinn_udp"
                    | "yamux"
                    | "rustls"
                    | "snow"
                    | "soketto"
                    | "if_watch"
                    | "igd_next"
                    | "netlink_proto"
                    | "netlink_sys"
                    | "rtnetlink"
                    | "webrtc"
                    | "webrtc_ice"
                    | "webrtc_dtls"
                    | "webrtc_sctp"
                    // the runtimes under libp2p-tcp and libp2p-quic, at
                    // TRACE (mio 1.2 poll.rs:576 `token=Token(1)`, polling
                    // 3.11 epoll.rs:81, async-io 2.6 reactor.rs:526)
                    | "mio"
                    | "polling"
                    | "async_io"
                    | "async_std"
                    | "tokio"
                    | "tokio_util"
            )
    })
}

/// The crate of a log target: `libp2p_kad` of `libp2p_kad::behaviour`.
fn crate_of(target: &str) -> &str {
    // a char search (memchr), not a `::` one, which builds a searcher per call
    target.find(':').map_or(target, |k| &target[..k])
}

/// The target and level of one of libp2p's own WARN or ERROR lines: a
/// line no message pattern knows is still reported ([`unmatched_warning`]).
pub fn libp2p_warning<'r>(rec: &'r Record<'_>) -> Option<(&'r str, &'r str)> {
    let level = rec.level.as_deref()?;
    let warns = ["warn", "warning", "error"]
        .iter()
        .any(|w| level.trim().eq_ignore_ascii_case(w));
    let target = rec
        .target
        .as_deref()
        .filter(|t| warns && is_libp2p(Some(t)))?;
    Some((target, level))
}

/// The event of a libp2p WARN or ERROR line (`target`, `level`, its searched
/// `text`) that holds no event to report: `unknown.log.<crate>`.
pub fn unmatched_warning(target: &str, level: &str, text: &str) -> Found {
    let krate = crate_of(target);
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
    Found {
        first: 0,
        last: lines,
        ends_text: true,
        event: event::Event {
            protocol: event::Protocol::Unknown,
            kind: format!("unknown.log.{krate}"),
            wrapper: None,
            detail: event::Detail::LogLine {
                target: target.to_owned(),
                level: level.trim().to_ascii_uppercase(),
                message: crate::input::clip_at(text, 1024).into_owned(),
            },
            cut_short: false,
            in_result: false,
        },
    }
}

/// [`find_events`] of a record's searched `text`, with the event of a
/// libp2p warning (`warning`: its target and level) that holds none that
/// is reported: in libp2p's own lines, unknown values and values inside a
/// `Result` are parts of the message ([`event::Event::is_message_part`],
/// which [`Analyzer::judge`] drops), not events.
pub fn find_record_events(text: &str, warning: Option<(&str, &str)>) -> Vec<Found> {
    let mut found = find_events(text);
    if let (true, Some((target, level))) =
        (found.iter().all(|f| f.event.is_message_part()), warning)
    {
        found.push(unmatched_warning(target, level, text));
    }
    found
}

/// The text of a record that events are looked for in: the message, and the
/// fields tracing split off it (`… failed with Io(..) peer=12D3… query=QueryId(3)`),
/// which libp2p's messages refer to.
pub fn searched_text(rec: &Record<'_>) -> String {
    let mut text = String::new();
    push_searched_text(rec, &mut text);
    text
}

/// [`searched_text`], appended to `text`.
pub fn push_searched_text(rec: &Record<'_>, text: &mut String) {
    text.push_str(&rec.message);
    for (key, value) in rec.fields.iter() {
        text.push(' ');
        text.push_str(key);
        text.push('=');
        text.push_str(value);
    }
}

/// `text` with each line whose fields its format writes apart from the
/// message (tracing's `fmt().json()`, and `fmt().pretty()`'s `, key: value`)
/// replaced by its [`searched_text`], on one line: inside the JSON the Debug
/// value is a string, its quotes escaped, and libp2p's message patterns
/// read fields as `key=value`. p2plog's own explanation lines (a format
/// with an `indented_trailer`, and the indented lines after its head) are
/// emptied: they are not the node's. Other lines are kept as they are.
pub fn decode_lines<'t>(text: &'t str, formats: &Formats) -> Cow<'t, str> {
    let json = |line: &str| line.trim_start().starts_with('{');
    let rewrites = formats
        .iter()
        .any(|f| f.spec.comma_fields || f.spec.indented_trailer);
    if !rewrites && !text.lines().any(json) {
        return Cow::Borrowed(text);
    }
    let mut parser = LineParser::new(formats);
    let mut out = String::with_capacity(text.len());
    let mut explanation = false;
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let mut record = parser.parse(k as u64 + 1, line, false);
        let format = formats.get(record.line_format());
        if format.is_some_and(|f| f.spec.indented_trailer) {
            explanation = true;
            continue;
        }
        explanation &= record.line_format() == crate::format::PLAIN && line.starts_with("    ");
        if explanation {
            continue;
        }
        let decoded = format.is_some_and(|f| (json(line) && f.is_json()) || f.spec.comma_fields);
        if decoded {
            crate::format::split_held_fields(&mut record, formats);
            let start = out.len();
            push_searched_text(&record, &mut out);
            if out[start..].contains('\n') {
                let decoded = out.split_off(start).replace('\n', " ");
                out.push_str(&decoded);
            }
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// `text` with the prefix (docker compose's `node-1  | `, journald's
/// `Nov 24 09:54:59 host node[1234]: `) taken off each line that has one:
/// such logs put it on every line of a `{:#?}` event, inside the value.
/// Lines keep their numbers.
pub fn strip_line_prefixes<'t>(text: &'t str, formats: &Formats) -> Cow<'t, str> {
    let mut parser = LineParser::new(formats);
    let mut out = String::with_capacity(text.len());
    let mut stripped = false;
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        parser.parse(k as u64 + 1, line, false);
        match parser.last().inner_at {
            Some(at) => {
                out.push_str(&line[at..]);
                stripped = true;
            }
            None => out.push_str(line),
        }
    }
    if stripped {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// An event found in a text, with its first and last line counted from the
/// text's first line (0).
#[derive(Clone, Debug)]
pub struct Found {
    pub first: u64,
    pub last: u64,
    /// The event ends on the text's last line.
    pub ends_text: bool,
    pub event: event::Event,
}

/// The events in `text`, in order: the stateless part of the pipeline, safe to
/// run on another thread than [`Analyzer::judge`].
pub fn find_events(text: &str) -> Vec<Found> {
    let lines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count() as u64;
    // the events come in order: lines are counted on from the last one's
    // start (not from the text's, which made a long paste quadratic)
    let (mut at, mut line) = (0, 0);
    // where the last line starts: one search, not one per event to the end
    let last_line = memchr::memrchr(b'\n', text.as_bytes()).map_or(0, |k| k + 1);
    event::find(text)
        .into_iter()
        .map(|found| {
            if found.start < at {
                (at, line) = (0, 0);
            }
            line += lines(&text[at..found.start]);
            at = found.start;
            Found {
                first: line,
                last: line + lines(&text[found.start..found.end]),
                ends_text: found.end >= last_line,
                event: found.event,
            }
        })
        .collect()
}

/// What a pasted line's record says of where it was logged (its node and
/// time stamp), and whether libp2p itself logged it ([`is_libp2p`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Logged<'a> {
    pub node: Option<&'a str>,
    pub time: Option<&'a str>,
    pub libp2p: bool,
}

/// Where the events of one record were logged.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    pub source: &'a str,
    pub line: u64,
    pub end_line: u64,
    pub node: Option<&'a str>,
    pub time: Option<&'a str>,
    /// The record is one of libp2p's own log lines, or of a crate it runs
    /// on ([`is_libp2p_stack`]): unknown Debug values in it, and values
    /// inside a `Result`, are not events ([`event::Event::is_message_part`]).
    pub libp2p: bool,
    /// The physical line of each line of the text, when they are not
    /// `line..=end_line` ([`Record::line_numbers`]).
    pub line_numbers: Option<&'a [u64]>,
    /// The record's line was longer than the input's cap and cut for parsing.
    pub cut: Option<Cut>,
}

impl Origin<'_> {
    /// The physical line of line `k` (0-based) of the text.
    pub fn line_of(&self, k: u64) -> u64 {
        match self.line_numbers {
            Some(numbers) => usize::try_from(k)
                .ok()
                .and_then(|k| numbers.get(k))
                .or(numbers.last())
                .copied()
                .unwrap_or(self.line),
            None => self.line.saturating_add(k).min(self.end_line),
        }
    }

    /// The physical line an event that ends on line `k` of the text ends
    /// on; `ends_text`: `k` is the text's last line, and the record's lines
    /// after it (where tracing's pretty format names the event's source and
    /// spans) are the event's too.
    pub fn end_of(&self, k: u64, ends_text: bool) -> u64 {
        let line = self.line_of(k);
        // `end_line` is unknown (`u64::MAX`) for a text judged alone
        match ends_text && self.end_line != u64::MAX {
            true => self.end_line.max(line),
            false => line,
        }
    }
}

impl Analyzer {
    /// An analyzer judging by `--peers` when given, else by the log.
    pub fn new(flag_peers: Option<u64>) -> Self {
        Analyzer {
            flag_peers,
            ..Analyzer::default()
        }
    }

    /// An analyzer that writes an event's sentences (summary, explanation,
    /// advice) only for the first event of each kind and verdict; the others
    /// get the verdict and facts alone. Building sentences is a tenth of the
    /// work per event, and the summary shows only the first of each.
    pub fn brief(self) -> Self {
        Analyzer {
            brief: true,
            ..self
        }
    }

    /// The network view built so far.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The events of one record, judged.
    pub fn record<'a>(&mut self, source: &'a str, rec: &'a Record<'_>) -> Vec<Report<'a>> {
        let origin = Origin {
            source,
            line: rec.line,
            end_line: rec.end_line,
            node: rec.node.as_deref(),
            time: rec.time.as_deref(),
            libp2p: is_libp2p_stack(rec.target.as_deref()),
            line_numbers: rec.line_numbers,
            cut: rec.cut,
        };
        self.judge(
            &origin,
            find_record_events(&searched_text(rec), libp2p_warning(rec)),
        )
    }

    /// The events in `text`, whose first line is line `line` of `source`,
    /// logged by `node` (`None`: the source's only node), judged.
    pub fn text<'a>(
        &mut self,
        source: &'a str,
        line: u64,
        node: Option<&'a str>,
        text: &str,
    ) -> Vec<Report<'a>> {
        let logged = Logged {
            node,
            ..Logged::default()
        };
        self.text_by_line(source, line, None, text, |_| logged)
    }

    /// The events in `text`, whose first line is line `line` of `source`
    /// (or whose lines are the physical lines `line_numbers`), judged, each
    /// as logged where `logged` says its first line was (a pasted log of
    /// several nodes, with time stamps).
    pub fn text_by_line<'a>(
        &mut self,
        source: &'a str,
        line: u64,
        line_numbers: Option<&'a [u64]>,
        text: &str,
        logged: impl Fn(u64) -> Logged<'a>,
    ) -> Vec<Report<'a>> {
        let mut origin = Origin {
            source,
            line,
            end_line: u64::MAX,
            node: None,
            time: None,
            libp2p: false,
            line_numbers,
            cut: None,
        };
        let mut reports = Vec::new();
        for found in find_events(text) {
            let at = logged(origin.line_of(found.first));
            (origin.node, origin.time, origin.libp2p) = (at.node, at.time, at.libp2p);
            reports.extend(self.judge(&origin, vec![found]));
        }
        reports
    }

    /// Judges events found in one record (by [`find_events`], perhaps on
    /// another thread), in order, each in the view its node had before it.
    pub fn judge<'a>(&mut self, origin: &Origin<'a>, found: Vec<Found>) -> Vec<Report<'a>> {
        let mut reports = Vec::with_capacity(found.len());
        let origin = &Origin {
            node: self.network.admit(origin.node),
            ..*origin
        };
        for Found {
            first,
            last,
            ends_text,
            event,
        } in found
        {
            if origin.libp2p && event.is_message_part() {
                continue;
            }
            let (first, last) = (origin.line_of(first), origin.end_of(last, ends_text));
            let view = self.network.node_mut(origin.node);
            let mut ctx = view.context(&event, self.flag_peers);
            // a log without node names may hold several nodes' connections
            // in one view: whether *this* node is connected is then unknown
            ctx.connected_to_subject &= origin.node.is_some();
            if let Some(time) = origin.time {
                view.note_time(time);
                if knowledge::uses_start_time(&event) {
                    ctx.since_start_ms = view.since_start_ms(time);
                }
            }
            ctx.brief = self.brief;
            let mut explanation = knowledge::explain(&event, &ctx);
            // a cause can be a peer's own message: past a few per kind, one
            let cause = knowledge::cause(&event).map(crate::input::clip_owned);
            let cause = cause.map(|c| match self.causes.admit(&explanation.kind, &c) {
                crate::summary::OTHER_CAUSES => crate::summary::OTHER_CAUSES.to_owned(),
                _ => c,
            });
            if self.brief {
                // one full sentence per summary group: a kind, or a kind and a cause
                let group = crate::summary::group_name(&explanation.kind, cause.as_deref());
                let said = &mut self.said[usize::from(explanation.verdict.severity())];
                // known kinds are a few hundred; unknown ones are capped
                let room = !explanation.kind.starts_with("unknown.")
                    || said.len() < crate::summary::MAX_KINDS;
                if room && !said.contains(group.as_ref()) {
                    said.insert(group.into_owned());
                    ctx.brief = false;
                    explanation = knowledge::explain(&event, &ctx);
                }
            }
            let before = (
                view.dht_peers().map(|p| p.count),
                view.connected_peers().map(|p| p.count),
            );
            let was_mixed = view.mixed.is_some();
            view.observe(first, &event);
            // the view of the nodes past the cap holds several by design
            let overflow = origin.node == Some(crate::state::MORE_NODES);
            if let (false, false, Some(m)) = (was_mixed, overflow, &view.mixed) {
                self.mixed
                    .push((origin.node.unwrap_or("").to_owned(), m.clone()));
            }
            let after = (
                view.dht_peers().map(|p| p.count),
                view.connected_peers().map(|p| p.count),
            );
            self.note_changes(origin.node, first, before, after);
            reports.push(Report {
                source: origin.source,
                line: first,
                end_line: last,
                node: origin.node,
                time: origin.time,
                subject: event.subject().map(|s| crate::input::clip(s).into_owned()),
                cause,
                explanation,
                cut: origin.cut,
            });
        }
        reports
    }

    /// Notes the peer counts (DHT, connected) that changed with an event.
    fn note_changes(&mut self, node: Option<&str>, line: u64, before: Counts, after: Counts) {
        let name = || node.unwrap_or("").to_owned();
        if let (Some(count), true) = (after.0, after.0 != before.0) {
            self.changes.push(PeerChange {
                node: name(),
                counted: "dht",
                line,
                count,
            });
        }
        if let (Some(count), true) = (after.1, after.1 != before.1) {
            self.changes.push(PeerChange {
                node: name(),
                counted: "connected",
                line,
                count,
            });
        }
    }
}

/// A node's (DHT, connected) peer counts.
type Counts = (Option<u64>, Option<u64>);

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTING: &str = "RoutingUpdated { peer: PeerId(\"A\"), is_new_peer: true, addresses: [], bucket_range: (Distance(1), Distance(2)), old_peer: None }";
    const PUT: &str = "OutboundQueryProgressed { id: QueryId(1), result: PutRecord(Err(QuorumFailed { key: Key(b\"/k\"), success: [], quorum: 1 })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: None, end: None }, step: ProgressStep { count: 1, last: true } }";

    #[test]
    fn the_log_supplies_the_peer_count_and_its_line() {
        let mut a = Analyzer::new(None);
        assert!(a.text("log", 1, None, "no events here").is_empty());
        a.text("log", 3, None, ROUTING);
        let r = a.text("log", 7, None, PUT);
        let peers = r[0].explanation.peers.unwrap();
        assert_eq!((peers.count, peers.line), (1, Some(3)));
        assert_eq!(
            a.changes,
            [PeerChange {
                node: String::new(),
                counted: "dht",
                line: 3,
                count: 1
            }]
        );
        // --peers still wins
        let mut flagged = Analyzer::new(Some(20));
        flagged.text("log", 3, None, ROUTING);
        assert_eq!(
            flagged.text("log", 7, None, PUT)[0]
                .explanation
                .peers
                .unwrap()
                .count,
            20
        );
    }

    #[test]
    fn a_brief_analyzer_judges_alike_and_words_the_first_of_each_kind_and_verdict() {
        let mut seen = std::collections::HashSet::new();
        let mut unworded = 0;
        for fixture in ["dial-failures", "cluster5", "client-mode"] {
            let path = format!("{}/fixtures/{fixture}/tag.log", env!("CARGO_MANIFEST_DIR"));
            let log = std::fs::read_to_string(&path).unwrap();
            let (mut full, mut brief) = (Analyzer::new(None), Analyzer::new(None).brief());
            for (k, line) in log.lines().enumerate() {
                let (a, b) = (
                    full.text(&path, k as u64 + 1, None, line),
                    brief.text(&path, k as u64 + 1, None, line),
                );
                assert_eq!(a.len(), b.len(), "{path}:{}", k + 1);
                for (a, b) in a.iter().zip(&b) {
                    let (ea, eb) = (&a.explanation, &b.explanation);
                    assert_eq!(
                        (&ea.kind, ea.verdict, ea.peers, &ea.query),
                        (&eb.kind, eb.verdict, eb.peers, &eb.query)
                    );
                    if seen.insert((fixture, ea.kind.clone(), ea.verdict)) {
                        assert_eq!(ea, eb, "{path}:{}", k + 1);
                    }
                    unworded += usize::from(eb.summary.is_empty() && !ea.summary.is_empty());
                }
            }
        }
        // the fixtures hold many kinds, and sentences were left out
        assert!(seen.len() > 20, "{}", seen.len());
        assert!(unworded > 100, "{unworded}");
    }

    #[test]
    fn repeated_dial_failures_to_a_connected_peer_stay_expected_on_a_named_node() {
        const UP: &str = "ConnectionEstablished { peer_id: PeerId(\"P\"), connection_id: ConnectionId(1), endpoint: Dialer { address: /ip4/127.0.0.1/tcp/1, role_override: Dialer, port_use: Reuse }, num_established: 1, concurrent_dial_errors: Some([]), established_in: 1ms }";
        const FAILED: &str = "OutgoingConnectionError { connection_id: ConnectionId(2), peer_id: Some(PeerId(\"P\")), error: Transport([(/ip4/127.0.0.1/udp/9/quic-v1/p2p/P, Other(Custom { kind: Other, error: Other(Right(HandshakeTimedOut)) }))]) }";
        let third = |node| {
            let mut a = Analyzer::new(None);
            a.text("log", 1, node, UP);
            a.text("log", 2, node, FAILED);
            a.text("log", 3, node, FAILED);
            a.text("log", 4, node, FAILED).remove(0).explanation
        };
        let named = third(Some("node-0"));
        assert_eq!(named.verdict, crate::knowledge::Verdict::Expected);
        assert!(
            named.explanation.contains("open connection to the peer"),
            "{}",
            named.explanation
        );
        // without node names the view may mix nodes: the repeat rule holds
        assert_eq!(third(None).verdict, crate::knowledge::Verdict::Actionable);
    }

    #[test]
    fn events_in_a_multi_line_text_get_their_own_lines() {
        let mut a = Analyzer::new(None);
        let text = format!("first\n{ROUTING}\nthird {PUT}");
        let lines: Vec<_> = a
            .text("log", 10, Some("node-1"), &text)
            .iter()
            .map(|r| (r.line, r.end_line))
            .collect();
        assert_eq!(lines, [(11, 11), (12, 12)]);
        assert!(a.network().node(Some("node-1")).is_some());
    }
}
