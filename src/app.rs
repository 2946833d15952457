//! Wiring: reads what the command line names, runs the pipeline, hands the
//! result to a renderer and decides the exit code. Holds no parsing or analysis.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CatalogArgs, Cli, ColorChoice, Command, ExplainArgs, Format, FormatsArgs};
use crate::format::{Cut, Formats};
use crate::knowledge::{catalog, Context};
use crate::pipeline::{Analyzer, Logged};
use crate::render::{self, Report};
use gate::Gate;

mod gate;
mod paste;
mod scan;
mod stream;
mod summary;

/// An input that holds nothing p2plog can explain.
#[derive(Debug, thiserror::Error)]
pub enum NoEvent {
    #[error(
        "no libp2p event found in the input: expected Rust Debug output such as \
         `OutboundQueryProgressed {{ id: QueryId(1), .. }}` or `Behaviour(MyEvent: ..)`"
    )]
    InText,
    #[error("the input is empty: give the event as the argument, or on standard input")]
    Empty,
    /// libp2p's own log line below WARN, which holds no event p2plog knows.
    #[error(
        "no libp2p event found in the input: it is libp2p's own {level} line (`{target}`), a \
         message p2plog has no pattern for; p2plog explains libp2p's events, and its WARN and \
         ERROR lines"
    )]
    Libp2pLine { target: String, level: String },
    /// The argument names a file, not an event.
    #[error(
        "no libp2p event in the argument `{0}`, which is a file's name: \
         `p2plog scan {0}` explains a log file, `p2plog explain < {0}` an event saved in one"
    )]
    FileName(String),
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    colored::control::set_override(color_enabled(cli.color));
    // a large buffer: scan writes every line, and std's stdout alone would
    // make one write call per line (flushed per batch only for live input)
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let grammars = cli.grammars.as_deref();
    match cli.command {
        Command::Scan(args) => scan::run(&args, grammars, &mut out),
        Command::Summary(args) => summary::run(&args, grammars, &mut out),
        Command::Explain(args) => explain(&args, grammars, &mut out),
        Command::Catalog(args) => catalog(&args, &mut out),
        Command::Formats(args) => formats(&args, grammars, &mut out),
        Command::Completions(args) => {
            use clap::CommandFactory;
            clap_complete::generate(args.shell, &mut Cli::command(), "p2plog", &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `p2plog formats [--detect FILE...]`.
fn formats(args: &FormatsArgs, grammars: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let formats = crate::format::Formats::load(grammars)?;
    if args.detect.is_empty() {
        render::formats::write_list(out, &formats, width())?;
    }
    for path in &args.detect {
        let mut source = crate::input::open(path)?;
        let detection = crate::format::detect(&mut source.lines, &formats)?;
        render::formats::write_detection(out, &source.name, &detection)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints an error as `p2plog: <chain>` and returns exit code 2; a closed
/// stdout (`p2plog … | head`) is a quiet success.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    say_error(&format!("{err:#}"));
    ExitCode::from(2)
}

/// Says on stderr which events `--allow` let through, if any reached `--fail-on`.
fn say_spared(gate: &Gate) {
    if let Some(note) = gate.spared_note() {
        say_error(&note);
    }
}

/// Writes `p2plog: <msg>` on stderr, one line: the message may quote a file
/// name or an argument, whose control characters are written as escapes.
fn say_error(msg: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "p2plog: {}",
        crate::input::escape_controls(msg.into())
    );
}

/// Colour from the flag, then `NO_COLOR`, then `CLICOLOR_FORCE`, then whether
/// stdout is a terminal. Decided once, here.
fn color_enabled(choice: ColorChoice) -> bool {
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    // "set to a value other than 0" (bixense.com/clicolors)
    let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if force => true,
        ColorChoice::Auto => io::stdout().is_terminal(),
    }
}

/// The most text `explain` keeps from standard input; the rest is read
/// and dropped, with a note on stderr.
pub const MAX_EXPLAIN_BYTES: usize = 16 * 1024 * 1024;

/// What `explain` was given: its text, and the lines that were cut.
struct EventText {
    text: String,
    cuts: Vec<(u64, Cut)>,
}

/// The event text: the argument (ANSI stripped, as a log line's are: a
/// line pasted from a coloured log keeps its time and node), or standard
/// input when it is absent or `-`. Standard input is read as logs are (lossy
/// UTF-8, ANSI stripped, lines cut at the input's cap), and kept up to
/// [`MAX_EXPLAIN_BYTES`].
fn event_text(arg: Option<&str>) -> Result<EventText> {
    if let Some(arg) = arg.filter(|a| *a != "-") {
        let mut text = String::new();
        // a byte order mark is not text, as on a log's first line
        let arg = arg.strip_prefix('\u{feff}').unwrap_or(arg);
        crate::input::strip_ansi(arg, &mut text);
        return Ok(EventText {
            text,
            cuts: Vec::new(),
        });
    }
    say_reading_terminal("the event from the terminal; end it with Ctrl-D");
    let mut source = crate::input::from_reader("<stdin>", io::stdin());
    let mut buf = crate::input::LineBuf::default();
    let mut text = String::new();
    let mut cuts = Vec::new();
    // past the cap nothing more is read: an endless input (`yes`,
    // /dev/zero) still gets its answer
    let cap = MAX_EXPLAIN_BYTES as u64;
    let mut more = false;
    while let Some(line) = source.lines.read(&mut buf)? {
        if text.len() + line.text.len() >= MAX_EXPLAIN_BYTES {
            more = true;
            break;
        }
        if line.number > 1 {
            text.push('\n');
        }
        text.push_str(line.text);
        if line.truncated {
            let (at, number) = (line.raw.len() as u64, line.number);
            let mut length = at;
            while length < cap {
                let Some(piece) = source.lines.tail()? else {
                    break;
                };
                length += piece.len() as u64;
            }
            if length >= cap {
                // not read to its end: its length is unknown
                cuts.push((
                    number,
                    Cut {
                        at,
                        length: u64::MAX,
                    },
                ));
                more = true;
                break;
            }
            cuts.push((number, Cut { at, length }));
        }
    }
    if more {
        let _ = writeln!(
            std::io::stderr(),
            "p2plog: standard input holds more than {MAX_EXPLAIN_BYTES} bytes of text: \
             the rest was not read"
        );
    }
    Ok(EventText { text, cuts })
}

/// The width to wrap text to: `COLUMNS`, else the terminal's width when stdout
/// is a terminal, else 100.
pub(crate) fn width() -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let terminal = || terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0));
    // a narrower terminal gets 40: fewer leave no room for a sentence
    (columns.filter(|&w| w > 0).or_else(terminal))
        .map(|w| w.max(40))
        .unwrap_or(100)
}

/// Whether the wrap width is the terminal's, which a resized window changes:
/// stdout is a terminal and `COLUMNS` does not fix the width (found by the
/// live review: explanations kept the width p2plog started with).
pub(crate) fn width_follows_terminal() -> bool {
    follows_terminal(
        std::env::var_os("COLUMNS").as_deref(),
        io::stdout().is_terminal(),
    )
}

fn follows_terminal(columns: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    let fixed = columns
        .and_then(|c| c.to_str())
        .and_then(|c| c.parse::<usize>().ok())
        .is_some_and(|w| w > 0);
    terminal && !fixed
}

/// Explains every event in `text`, in order, each in the network view built
/// from the events before it; values that are not events (`QueryId(1)` in a
/// tracing field) are skipped, and a JSON or pretty log line is read as its
/// message and fields ([`crate::pipeline::decode_lines`]). Of `ctx` only
/// `flag_peers` is used: the rest comes from the text.
pub fn explain_text<'a>(text: &str, source: &'a str, ctx: &Context) -> Vec<Report<'a>> {
    explain_from(text, 1, source, ctx, builtin_formats(), |_| {
        Logged::default()
    })
}

/// [`explain_text`], its first line numbered `first`, JSON lines read in
/// `formats`, each event judged as logged by the node, at the time, that
/// `logged` gives for its first line.
fn explain_from<'a>(
    text: &str,
    first: u64,
    source: &'a str,
    ctx: &Context,
    formats: Option<&Formats>,
    logged: impl Fn(u64) -> Logged<'a>,
) -> Vec<Report<'a>> {
    let text = match formats {
        Some(formats) => crate::pipeline::decode_lines(text, formats),
        None => text.into(),
    };
    Analyzer::new(ctx.flag_peers).text_by_line(source, first, None, &text, logged)
}

/// The built-in line formats, loaded once.
fn builtin_formats() -> Option<&'static Formats> {
    static BUILTIN: std::sync::OnceLock<Option<Formats>> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Formats::builtin().ok()).as_ref()
}

/// What the record holding a report's first line says of it, as `scan`
/// reads the lines: its node and time (a compose prefix, a span field, the
/// spans after a pretty event, a time stamp), and where it ends.
#[derive(Clone, Debug, Default)]
struct Head {
    node: Option<String>,
    time: Option<String>,
    /// The record's first physical line.
    first: u64,
    /// libp2p itself logged it ([`crate::pipeline::is_libp2p`]): its
    /// target and level.
    libp2p: Option<(String, String)>,
    /// One of libp2p's WARN or ERROR lines ([`crate::pipeline::libp2p_warning`]):
    /// its text.
    warning: Option<String>,
    /// The physical line of the record's last message line, and its own
    /// last line (past it: the span lines of tracing's pretty format).
    message_end: u64,
    end: u64,
    /// A join the next header or the end cut off: its value never closed.
    cut: bool,
}

/// The records of a pasted text as `scan` reads them: the [`Head`] of each,
/// and the record of each physical line.
#[derive(Default)]
struct LineHeads {
    heads: Vec<Head>,
    owner: Vec<usize>,
}

impl crate::format::Sink for LineHeads {
    fn raw(&mut self, _: u64, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
    fn record(&mut self, r: &crate::format::Record<'_>) -> io::Result<()> {
        let k = self.heads.len();
        let message_lines = memchr::memchr_iter(b'\n', r.message.as_bytes()).count();
        let warning = crate::pipeline::libp2p_warning(r).map(|_| crate::pipeline::searched_text(r));
        let libp2p = r
            .target
            .as_deref()
            .filter(|t| crate::pipeline::is_libp2p(Some(t)));
        let libp2p = libp2p.map(|t| (t.to_owned(), r.level.as_deref().unwrap_or("").to_owned()));
        self.heads.push(Head {
            node: r.node.as_deref().map(str::to_owned),
            time: r.time.as_deref().map(str::to_owned),
            first: r.line,
            libp2p,
            warning,
            message_end: r.line_of(message_lines),
            end: r.end_line,
            cut: r.truncated,
        });
        // the lines of two containers' events interleave: each line
        // is its own record's
        for n in 0..r.line_count() {
            let line = usize::try_from(r.line_of(n as usize)).unwrap_or(usize::MAX);
            if let Some(slot) = self.owner.get_mut(line) {
                *slot = k;
            }
        }
        Ok(())
    }
}

impl LineHeads {
    fn read(text: &str, formats: &Formats) -> Self {
        let mut lines = crate::input::LineReader::new("explain", io::Cursor::new(text), false);
        let mut heads = LineHeads {
            owner: vec![usize::MAX; text.lines().count() + 1],
            ..LineHeads::default()
        };
        // reading from memory fails on nothing; a record not read has no head
        let _ = crate::format::read_records(&mut lines, formats, &mut heads);
        heads
    }

    /// The physical lines (from 1) of each record, records by their first
    /// line, when the text is to be searched record by record as scan
    /// does: when docker compose interleaved two events' lines, or a value
    /// never closed before the next header (searched as one text, the
    /// open value swallows the next record's). `None` otherwise.
    fn records_apart(&self) -> Option<Vec<Vec<u64>>> {
        let mut lines: Vec<Vec<u64>> = vec![Vec::new(); self.heads.len()];
        let mut loose = Vec::new();
        for (line, &k) in self.owner.iter().enumerate().skip(1) {
            match lines.get_mut(k) {
                Some(own) => own.push(line as u64),
                None => loose.push(vec![line as u64]),
            }
        }
        let interleaved = lines.iter().any(|l| l.windows(2).any(|w| w[1] != w[0] + 1));
        let cut = self.heads.iter().any(|h| h.cut) && self.heads.len() > 1;
        if !interleaved && !cut {
            return None;
        }
        let mut records: Vec<Vec<u64>> = lines.into_iter().chain(loose).collect();
        records.retain(|r| !r.is_empty());
        records.sort_by_key(|r| r[0]);
        Some(records)
    }

    /// Adds to `reports` the libp2p warnings that hold none of them, as
    /// scan reports them ([`crate::pipeline::find_record_events`]: `reports`
    /// hold no unknown value of a libp2p line either), in line order.
    fn add_warnings<'a>(&'a self, source: &'a str, reports: &mut Vec<Report<'a>>) {
        let before = reports.len();
        for h in &self.heads {
            let (Some(text), Some((target, level))) = (&h.warning, &h.libp2p) else {
                continue;
            };
            if reports[..before]
                .iter()
                .any(|r| (h.first..=h.end).contains(&r.line))
            {
                continue;
            }
            let origin = crate::pipeline::Origin {
                source,
                line: h.first,
                end_line: h.end,
                node: h.node.as_deref(),
                time: h.time.as_deref(),
                libp2p: true,
                line_numbers: None,
                cut: None,
            };
            let found = crate::pipeline::unmatched_warning(target, level, text);
            // its verdict needs no view of the node: always unknown
            reports.extend(Analyzer::default().judge(&origin, vec![found]));
        }
        reports.sort_by_key(|r| r.line);
    }

    /// The head of the record physical line `line` is in (a paste missing
    /// its head has it put back as line 0: line 1's).
    fn of_line(&self, line: u64) -> Option<&Head> {
        let line = usize::try_from(line.max(1)).ok()?;
        self.heads.get(*self.owner.get(line)?)
    }
}

fn explain(args: &ExplainArgs, grammars: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let EventText { text, cuts } = event_text(args.event.as_deref())?;
    let source = match args.event.as_deref() {
        Some(a) if a != "-" => "<argument>",
        _ => "<stdin>",
    };
    let ctx = Context {
        flag_peers: args.peers,
        ..Context::default()
    };
    let loaded;
    let formats = match grammars {
        None => builtin_formats(),
        Some(_) => {
            loaded = Formats::load(grammars)?;
            Some(&loaded)
        }
    };
    // the lines behind a prefix on every line (`docker compose logs`);
    // the node and time are read from the lines as pasted, below
    let inner = match formats {
        Some(formats) => crate::pipeline::strip_line_prefixes(&text, formats),
        None => text.as_str().into(),
    };
    // a paste missing its head: put back when its fields tell which, as
    // line 0 so that the paste's lines keep their numbers
    let headless = paste::headless(&inner);
    // each event is judged in its own node's view, at its line's time, as
    // scan judges it
    let heads = formats.map(|f| LineHeads::read(&text, f));
    let head_of = |line: u64| heads.as_ref()?.of_line(line);
    let logged = |line: u64| {
        head_of(line).map_or(Logged::default(), |h| Logged {
            node: h.node.as_deref(),
            time: h.time.as_deref(),
            libp2p: h.libp2p.is_some(),
        })
    };
    // interleaved events, or a value cut off by the next header: record
    // by record, as scan reads them
    let apart = heads.as_ref().and_then(LineHeads::records_apart);
    let mut reports = match (headless.and_then(|h| h.head), &apart) {
        (Some(head), _) => {
            let pasted = paste::with_head(&inner, head);
            explain_from(&pasted, 0, source, &ctx, formats, logged)
        }
        (None, Some(records)) => {
            let lines: Vec<&str> = inner.lines().collect();
            let line = |n: &u64| lines.get(usize::try_from(*n - 1).unwrap_or(usize::MAX));
            let mut analyzer = Analyzer::new(ctx.flag_peers);
            let mut reports = Vec::new();
            for numbers in records {
                let text: Vec<&str> = numbers.iter().filter_map(line).copied().collect();
                let text = text.join("\n");
                let text = match formats {
                    Some(formats) => crate::pipeline::decode_lines(&text, formats),
                    None => text.as_str().into(),
                };
                let first = numbers[0];
                reports.extend(analyzer.text_by_line(source, first, Some(numbers), &text, logged));
            }
            reports
        }
        (None, None) => explain_from(&inner, 1, source, &ctx, formats, logged),
    };
    for r in &mut reports {
        let Some(head) = head_of(r.line) else {
            continue;
        };
        r.node = head.node.as_deref().or(r.node);
        r.time = head.time.as_deref().or(r.time);
        // as scan: an event that ends its record's message ends with it
        if r.end_line == head.message_end {
            r.end_line = head.end;
        }
    }
    if let Some(heads) = &heads {
        heads.add_warnings(source, &mut reports);
    }
    for r in &mut reports {
        let within = |(line, _): &&(u64, Cut)| (r.line..=r.end_line).contains(line);
        r.cut = cuts.iter().find(within).map(|(_, cut)| *cut);
    }
    if reports.is_empty() {
        let libp2p = heads
            .as_ref()
            .and_then(|h| h.heads.iter().find_map(|h| h.libp2p.clone()));
        return Err(match (args.event.as_deref(), libp2p) {
            _ if text.trim().is_empty() => NoEvent::Empty,
            (_, Some((target, level))) => NoEvent::Libp2pLine { target, level },
            (Some(arg), _) if arg != "-" && Path::new(arg).is_file() => {
                NoEvent::FileName(shell_word(arg))
            }
            _ => NoEvent::InText,
        }
        .into());
    }
    if let Some(headless) = headless {
        paste::mark(&mut reports, headless);
    }
    let mut gate = Gate::new(args.fail_on, &[]);
    for r in &reports {
        gate.see(&r.explanation.kind, r.explanation.verdict, 1);
    }
    let written = match args.format {
        Format::Text => render::text::write_full(out, &reports, width()),
        Format::Json => render::json::write(out, &reports),
    };
    unless_written_badly(written.and_then(|()| out.flush()), gate.exit_code(false))
}

/// `arg` as one shell word: as it is when it holds only characters that
/// need no quoting, else in single quotes (a file name with a space).
fn shell_word(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// `node 2>&1 | p2plog`: Ctrl-C reaches the node and p2plog alike, and the
/// node may log its shutdown (connections closing) before it exits. When
/// p2plog reads a pipe (`-` not a terminal, a FIFO, `<(node)`), the first
/// Ctrl-C therefore lets it read on to the end of the input, so that no line
/// is lost and a summary is still written; a second one stops it at once
/// (exit code 130). A file, or a terminal, is not waited for: Ctrl-C stops.
fn read_pipes_to_end_on_interrupt(files: &[std::path::PathBuf]) {
    if !files.iter().any(|f| reads_a_pipe(f)) {
        return;
    }
    warn_of_pipes_read_in_turn(files);
    let interrupts = std::sync::atomic::AtomicUsize::new(0);
    // at most once per process; without a handler Ctrl-C stops p2plog, as before
    let _ = ctrlc::set_handler(move || {
        if interrupts.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 0 {
            std::process::exit(130);
        }
        let _ = writeln!(
            io::stderr(),
            "p2plog: interrupted; reading on to the end of the input, so that no line is lost \
             (Ctrl-C again stops at once)"
        );
    });
}

/// Inputs are read one after another, each to its end: a pipe before
/// another pipe (`p2plog <(node-a) <(node-b)`) holds that one back, and a
/// node writing to it blocks once it is full. Said once, on stderr (found by
/// the live review); a file after a pipe waits harmlessly.
fn warn_of_pipes_read_in_turn(files: &[std::path::PathBuf]) {
    let pipes: Vec<&std::path::PathBuf> = files.iter().filter(|f| reads_a_pipe(f)).collect();
    let [pipe, _, ..] = pipes[..] else {
        return;
    };
    let _ = writeln!(
        io::stderr(),
        "p2plog: warning: inputs are read one after another: those after {} wait until it ends, \
         and a node writing to them stops when their pipe is full; give each live node a p2plog of its own",
        render::safe_line(&pipe.to_string_lossy())
    );
}

/// Whether `path` (`-`: standard input) is a pipe: standard input as its
/// file, since `< big.log` is a file.
fn reads_a_pipe(path: &Path) -> bool {
    let path = match path.as_os_str() == "-" {
        true if cfg!(unix) => Path::new("/dev/stdin"),
        true => return !io::stdin().is_terminal(),
        false => path,
    };
    std::fs::metadata(path).is_ok_and(|meta| is_pipe(&meta.file_type()))
}

/// A FIFO or a socket: what `|`, `<(node)` and `mkfifo` give.
#[cfg(unix)]
fn is_pipe(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::FileType) -> bool {
    false
}

/// Says on stderr what p2plog waits for when standard input is a terminal
/// (`p2plog` typed alone), instead of waiting silently.
fn say_reading_terminal(what: &str) {
    if io::stdin().is_terminal() {
        let _ = writeln!(io::stderr(), "p2plog: reading {what}");
    }
}

/// An unknown kind asked of `p2plog catalog`.
#[derive(Debug, thiserror::Error)]
#[error("no kind `{0}` in the catalog; `p2plog catalog` lists them all")]
pub struct UnknownKind(String);

fn catalog(args: &CatalogArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match &args.kind {
        Some(kind) => {
            let entry = catalog::entry(kind).ok_or_else(|| UnknownKind(kind.clone()))?;
            out.write_all(entry.text.as_bytes())?;
        }
        None => {
            let entries = catalog::entries();
            let kinds = entries.iter().map(|e| e.kind.len()).max().unwrap_or(0);
            // at a terminal (or with COLUMNS) a title wraps in its column;
            // piped, each kind keeps its one line, for grep
            let columns = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<usize>().ok());
            let width = if io::stdout().is_terminal() || columns.is_some_and(|w| w > 0) {
                width()
            } else {
                usize::MAX
            };
            for e in entries {
                render::text::wrap_into(out, &format!("{:kinds$}  ", e.kind), e.title, width)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reports an input error (a missing file, a corrupt gzip) on stderr and
/// returns `true`: the run goes on with the other files and exits with 2.
fn input_error(e: &dyn std::error::Error) -> bool {
    say_error(&error_chain(e));
    true
}

/// An error and its sources, `: `-separated.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg += &format!(": {s}");
        source = s.source();
    }
    msg
}

/// The verdict a command-line name stands for.
fn verdict(v: crate::cli::VerdictArg) -> crate::knowledge::Verdict {
    use crate::cli::VerdictArg as A;
    use crate::knowledge::Verdict as V;
    match v {
        A::Ok => V::Ok,
        A::Expected => V::Expected,
        A::Actionable => V::Actionable,
        A::Unknown => V::Unknown,
    }
}

/// `code`, unless writing the output failed; a closed output (`p2plog … |
/// head`) is a quiet end, and what was read before it still decides
/// `--fail-on`.
fn unless_written_badly(written: io::Result<()>, code: ExitCode) -> Result<ExitCode> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(code),
    }
}

/// A progress line for `path`, when it is a large file (64 MB or more) and
/// stderr is a terminal outside CI; never when piped, nor while the output
/// goes to that terminal line by line (`streams_to_stdout`: scan's lines).
fn progress(path: &Path, name: &str, streams_to_stdout: bool) -> Option<stream::Progress> {
    let size = std::fs::metadata(path).ok().filter(|m| m.is_file())?.len();
    let ci = std::env::var_os("CI").is_some();
    let busy = streams_to_stdout && io::stdout().is_terminal();
    progress_wanted(io::stderr().is_terminal(), busy, ci, size)
        .then(|| stream::Progress::new(name, Some(size)))
}

/// Whether to show progress: on a terminal that the output does not use
/// line by line (`busy`), outside CI, for files of 64 MB or more.
fn progress_wanted(terminal: bool, busy: bool, ci: bool, size: u64) -> bool {
    terminal && !busy && !ci && size >= 64 << 20
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_a_pipe_and_a_file_redirected_is_not() {
        // the review found `p2plog summary < big.log` waiting on Ctrl-C:
        // `-` is read as /dev/stdin, that is as the file behind it
        let dir = std::env::temp_dir().join(format!("p2plog-pipe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (fifo, file) = (dir.join("fifo"), dir.join("file"));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        std::fs::write(&file, "x\n").unwrap();
        assert!(super::reads_a_pipe(&fifo));
        assert!(!super::reads_a_pipe(&file));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_width_follows_a_terminal_unless_columns_fixes_it() {
        use super::follows_terminal;
        use std::ffi::OsStr;
        assert!(follows_terminal(None, true));
        assert!(
            follows_terminal(Some(OsStr::new("0")), true),
            "COLUMNS=0 is unset"
        );
        assert!(!follows_terminal(Some(OsStr::new("80")), true));
        assert!(!follows_terminal(None, false), "piped");
    }

    #[test]
    fn progress_only_for_large_files_on_a_terminal_outside_ci() {
        use super::progress_wanted;
        assert!(progress_wanted(true, false, false, 100 << 20));
        assert!(!progress_wanted(false, false, false, 100 << 20), "piped");
        assert!(!progress_wanted(true, false, true, 100 << 20), "in CI");
        assert!(!progress_wanted(true, false, false, 1 << 20), "small");
        // (found by the live review) `p2plog big.log` at a terminal: the
        // progress line was glued to the log lines scan wrote there
        assert!(
            !progress_wanted(true, true, false, 100 << 20),
            "scan at the terminal"
        );
    }
}
