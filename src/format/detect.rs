//! Which format a whole file is in, and why: every format is tried on every
//! line (up to a limit), and the one that fits the most lines wins.
//! `p2plog formats --detect FILE` prints this; scanning detects per line.

use std::io::BufRead;

use super::parse::LineParser;
use super::registry::Formats;
use crate::input::{InputError, LineBuf, LineReader};

/// How many lines `detect` reads at most.
pub const DETECT_LINES: u64 = 1_000_000;

/// What `detect` found in one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// Lines read (at most [`DETECT_LINES`]).
    pub lines: u64,
    /// The input has more lines than were read.
    pub more: bool,
    /// Lines no format but `plain` fits (continuation lines of multi-line
    /// events, stray output).
    pub unmatched: u64,
    /// Formats that fit at least one line, most lines first (ties: priority).
    pub formats: Vec<FormatCount>,
}

/// How one format fits a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatCount {
    pub id: String,
    pub matched: u64,
    pub first_line: u64,
    /// For a prefix format: the formats of the lines behind the prefix, with
    /// their counts, most first.
    pub inner: Vec<(String, u64)>,
}

impl Detection {
    /// The format the source is in: the one that fits the most lines.
    pub fn best(&self) -> Option<&FormatCount> {
        self.formats.first()
    }
}

/// Tries every format on every line of `lines`.
pub fn detect<R: BufRead>(
    lines: &mut LineReader<R>,
    formats: &Formats,
) -> Result<Detection, InputError> {
    let n = formats.len();
    let mut parser = LineParser::new(formats);
    let mut counts = vec![(0u64, 0u64); n];
    let mut inner = vec![vec![0u64; n]; n];
    let mut buf = LineBuf::default();
    let mut detection = Detection {
        lines: 0,
        more: false,
        unmatched: 0,
        formats: Vec::new(),
    };
    while let Some(line) = lines.read(&mut buf)? {
        if detection.lines == DETECT_LINES {
            detection.more = true;
            break;
        }
        detection.lines += 1;
        let mut any = false;
        for k in (0..n).filter(|&k| k != formats.plain()) {
            let Some(record) = parser.try_format(k, line.text) else {
                continue;
            };
            any = true;
            let (matched, first) = &mut counts[k];
            *matched += 1;
            if *first == 0 {
                *first = line.number;
            }
            if let Some(id) = record.inner {
                if let Some(j) = (0..n).find(|&j| formats.at(j).spec.id == id) {
                    inner[k][j] += 1;
                }
            }
        }
        detection.unmatched += u64::from(!any);
    }
    for (k, &(matched, first_line)) in counts.iter().enumerate() {
        if matched == 0 {
            continue;
        }
        let mut inner: Vec<(String, u64)> = (0..n)
            .filter(|&j| inner[k][j] > 0)
            .map(|j| (formats.at(j).spec.id.clone(), inner[k][j]))
            .collect();
        inner.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        detection.formats.push(FormatCount {
            id: formats.at(k).spec.id.clone(),
            matched,
            first_line,
            inner,
        });
    }
    // stable: equal counts keep priority order
    detection
        .formats
        .sort_by_key(|f| std::cmp::Reverse(f.matched));
    Ok(detection)
}
