//! Checking a format's samples: each sample line, read as `input` reads a
//! line (ANSI stripped), is recognised as that format by a fresh parser and
//! yields exactly the fields it declares. Tests run this over the built-in
//! formats; loading a `--grammars` folder runs it over the user's formats.

use std::collections::BTreeMap;
use std::io::Cursor;

use super::parse::{split_held_fields, LineParser};
use super::record::Record;
use super::registry::Formats;
use super::spec::{GrammarError, Sample};
use crate::input::{LineBuf, LineReader};

impl Formats {
    /// Every way the samples of format `id` fail to do what they declare.
    pub fn check_samples(&self, id: &str) -> Vec<GrammarError> {
        let Some(format) = self.get(id) else {
            return vec![GrammarError::new("", "id", format!("no format `{id}`"))];
        };
        let mut errors = Vec::new();
        for (k, sample) in format.spec.samples.iter().enumerate() {
            if let Err((path, problem)) = self.check_sample(id, sample) {
                let path = format!("samples[{k}]{path}");
                errors.push(GrammarError::new(&format.file, path, problem));
            }
        }
        errors
    }

    fn check_sample(&self, id: &str, sample: &Sample) -> Result<(), (String, String)> {
        let bytes = sample.line.as_bytes();
        if bytes.contains(&b'\n') {
            return Err((".line".into(), "a sample is one line".into()));
        }
        let mut reader = LineReader::new("sample", Cursor::new(bytes), false);
        let mut buf = LineBuf::default();
        let text = match reader.read(&mut buf) {
            Ok(Some(line)) => line.text,
            _ => "",
        };
        let mut record = LineParser::new(self).parse(1, text, false);
        split_held_fields(&mut record, self);
        if record.format != id {
            let problem = format!("the line is read as format `{}`, not `{id}`", record.format);
            return Err((".line".into(), problem));
        }
        compare(&record, sample).map_err(|(field, problem)| (format!(".yields.{field}"), problem))
    }
}

/// The first field where `record` differs from what `sample` declares.
fn compare(record: &Record<'_>, sample: &Sample) -> Result<(), (&'static str, String)> {
    let want = &sample.yields;
    let pairs: [(&'static str, Option<&str>, Option<&str>); 7] = [
        ("inner", want.inner.as_deref(), record.inner),
        ("time", want.time.as_deref(), record.time.as_deref()),
        ("level", want.level.as_deref(), record.level.as_deref()),
        ("target", want.target.as_deref(), record.target.as_deref()),
        ("spans", want.spans.as_deref(), record.spans.as_deref()),
        ("node", want.node.as_deref(), record.node.as_deref()),
        ("message", Some(&want.message), Some(&record.message)),
    ];
    for (field, want, got) in pairs {
        if want != got {
            return Err((
                field,
                format!("expected {}, got {}", shown(want), shown(got)),
            ));
        }
    }
    let got: BTreeMap<String, String> = record
        .fields
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    if got != want.fields {
        return Err(("fields", format!("expected {:?}, got {got:?}", want.fields)));
    }
    Ok(())
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "nothing".to_owned(), |v| format!("{v:?}"))
}
