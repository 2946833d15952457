//! JSON Lines: one object per explained event, exactly as DESIGN.md's "Output
//! contracts" names the fields. [`EventJson`] is both what is written and what
//! tests read back (unknown fields denied).

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{safe, Report};
use crate::knowledge::{Peers, QueryFacts, Verdict};

/// One line of `--format json` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventJson {
    pub source: String,
    pub line: u64,
    pub end_line: u64,
    pub node: Option<String>,
    pub time: Option<String>,
    pub kind: String,
    pub verdict: Verdict,
    pub summary: String,
    pub explanation: String,
    pub advice: String,
    pub peers: Option<Peers>,
    pub query: Option<QueryFacts>,
}

impl From<&Report> for EventJson {
    fn from(r: &Report) -> Self {
        let e = &r.explanation;
        let s = |t: &str| safe(t).into_owned();
        EventJson {
            source: s(&r.source),
            line: r.line,
            end_line: r.end_line,
            node: r.node.as_deref().map(s),
            time: r.time.as_deref().map(s),
            kind: s(&e.kind),
            verdict: e.verdict,
            summary: s(&e.summary),
            explanation: s(&e.explanation),
            advice: s(&e.advice),
            peers: e.peers,
            query: e.query.clone().map(|mut q| {
                q.key = q.key.as_deref().map(s);
                q
            }),
        }
    }
}

/// Writes one JSON object per line.
pub fn write(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    for r in reports {
        serde_json::to_writer(&mut *out, &EventJson::from(r))?;
        writeln!(out)?;
    }
    Ok(())
}
