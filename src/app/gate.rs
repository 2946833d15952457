//! The exit code: `--fail-on` and the kinds `--allow` lets through. Counts
//! each event as scan or summary hands it over; decides nothing else.

use std::collections::BTreeMap;
use std::process::ExitCode;

use crate::cli::FailOn;
use crate::knowledge::catalog::KindPattern;
use crate::knowledge::Verdict;

/// How many kinds of failing events the note names.
const NAMED: usize = 8;

/// What decides the exit code of one run.
#[derive(Debug, Default)]
pub struct Gate {
    /// The least severity that fails the run; `None` for `--fail-on never`.
    threshold: Option<u8>,
    allow: Vec<KindPattern>,
    /// The worst severity seen among events of kinds not allowed.
    worst: Option<u8>,
    /// Events that would have failed the run but for `--allow`, by kind.
    spared: BTreeMap<String, u64>,
    /// With `--allow`: the events that fail the run, by kind (at most
    /// [`NAMED`] kinds), for the note to name.
    failing: BTreeMap<String, u64>,
}

impl Gate {
    pub fn new(fail_on: FailOn, allow: &[KindPattern]) -> Self {
        let threshold = match fail_on {
            FailOn::Actionable => Some(Verdict::Actionable.severity()),
            FailOn::Unknown => Some(Verdict::Unknown.severity()),
            FailOn::Expected => Some(Verdict::Expected.severity()),
            FailOn::Never => None,
        };
        Gate {
            threshold,
            allow: allow.to_vec(),
            ..Gate::default()
        }
    }

    /// Counts `count` events of `kind` judged `verdict`.
    pub fn see(&mut self, kind: &str, verdict: Verdict, count: u64) {
        if count == 0 {
            return;
        }
        let severity = verdict.severity();
        if !self.allow.iter().any(|p| p.matches(kind)) {
            self.worst = self.worst.max(Some(severity));
            let named = self.failing.len() < NAMED || self.failing.contains_key(kind);
            if !self.allow.is_empty() && named && self.threshold.is_some_and(|t| severity >= t) {
                add(&mut self.failing, kind, count);
            }
        } else if self.threshold.is_some_and(|t| severity >= t) {
            add(&mut self.spared, kind, count);
        }
    }

    /// 2 after an input error, 1 when an event of a kind not allowed
    /// reached `--fail-on`, else 0.
    pub fn exit_code(&self, input_failed: bool) -> ExitCode {
        if input_failed {
            ExitCode::from(2)
        } else if self.fails() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    fn fails(&self) -> bool {
        (self.threshold).is_some_and(|t| self.worst.is_some_and(|w| w >= t))
    }

    /// For stderr: the events that reached `--fail-on` but were allowed,
    /// so a CI log says why a run with such events passed.
    pub fn spared_note(&self) -> Option<String> {
        let total: u64 = self.spared.values().sum();
        if total == 0 {
            return None;
        }
        let list = |kinds: &BTreeMap<String, u64>| {
            let named: Vec<String> = (kinds.iter())
                .map(|(kind, n)| format!("{kind} ({n})"))
                .collect();
            named.join(", ")
        };
        // a finding about a whole log (a node that reached no peer) is no event
        let findings: u64 = (self.spared.iter())
            .filter(|(kind, _)| crate::summary::FINDING_KINDS.contains(&kind.as_str()))
            .map(|(_, n)| n)
            .sum();
        let noun = |n: u64, one: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {one}s"),
        };
        let events = match (total - findings, findings) {
            (n, 0) => noun(n, "event"),
            (0, m) => noun(m, "finding"),
            (n, m) => format!("{} and {}", noun(n, "event"), noun(m, "finding")),
        };
        let (are, they) = if total == 1 {
            ("is", "it does")
        } else {
            ("are", "they do")
        };
        let outcome = if self.fails() {
            let more = if self.failing.len() >= NAMED {
                ", …"
            } else {
                ""
            };
            format!(
                "; other events still fail the run: {}{more}",
                list(&self.failing)
            )
        } else {
            String::new()
        };
        Some(format!(
            "{events} at or above --fail-on {are} of kinds given to --allow, so \
             {they} not count: {}{outcome}",
            list(&self.spared)
        ))
    }
}

/// Adds `count` to `kind`'s count, allocating its name only the first time
/// (scan hands over events one by one).
fn add(counts: &mut BTreeMap<String, u64>, kind: &str, count: u64) {
    match counts.get_mut(kind) {
        Some(n) => *n += count,
        None => {
            counts.insert(kind.to_owned(), count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow(patterns: &[&str]) -> Vec<KindPattern> {
        patterns
            .iter()
            .map(|p| KindPattern::new(p).unwrap())
            .collect()
    }

    #[test]
    fn an_allowed_kind_does_not_fail_the_run_and_is_named() {
        let mut gate = Gate::new(FailOn::Actionable, &allow(&["request_response.*"]));
        gate.see(
            "request_response.InboundFailure.ResponseOmission",
            Verdict::Actionable,
            2,
        );
        gate.see("swarm.Dialing", Verdict::Ok, 5);
        assert_eq!(gate.exit_code(false), ExitCode::SUCCESS);
        let note = gate.spared_note().unwrap();
        assert_eq!(
            note,
            "2 events at or above --fail-on are of kinds given to --allow, so they do not \
             count: request_response.InboundFailure.ResponseOmission (2)"
        );
    }

    #[test]
    fn a_kind_not_allowed_still_fails_the_run() {
        let mut gate = Gate::new(FailOn::Expected, &allow(&["swarm.Dialing"]));
        gate.see("swarm.Dialing", Verdict::Expected, 1);
        gate.see("kad.PutRecord.QuorumFailed", Verdict::Expected, 1);
        assert_eq!(gate.exit_code(false), ExitCode::from(1));
        assert_eq!(
            gate.spared_note().unwrap(),
            "1 event at or above --fail-on is of kinds given to --allow, so it does not count: \
             swarm.Dialing (1); other events still fail the run: kad.PutRecord.QuorumFailed (1)"
        );
        assert_eq!(gate.exit_code(true), ExitCode::from(2));
    }

    /// A node that reached no peer is a finding, not an event.
    #[test]
    fn an_allowed_finding_is_called_a_finding() {
        let mut gate = Gate::new(FailOn::Actionable, &allow(&["summary.*", "swarm.*"]));
        gate.see("summary.NeverConnected", Verdict::Actionable, 1);
        let note = gate.spared_note().unwrap();
        assert!(
            note.starts_with("1 finding at or above --fail-on is of kinds"),
            "{note}"
        );
        gate.see("swarm.DialError.NoAddresses", Verdict::Actionable, 2);
        let note = gate.spared_note().unwrap();
        assert!(
            note.starts_with("2 events and 1 finding at or above --fail-on are"),
            "{note}"
        );
    }

    #[test]
    fn allowed_events_below_fail_on_are_not_mentioned() {
        let mut gate = Gate::new(FailOn::Actionable, &allow(&["swarm.*"]));
        gate.see("swarm.ConnectionClosed.IO", Verdict::Expected, 3);
        assert_eq!(gate.exit_code(false), ExitCode::SUCCESS);
        assert_eq!(gate.spared_note(), None);
        let mut never = Gate::new(FailOn::Never, &allow(&["swarm.*"]));
        never.see("swarm.ConnectionClosed.IO", Verdict::Actionable, 3);
        assert_eq!(never.spared_note(), None);
    }
}
