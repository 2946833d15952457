//! A gzip file's members, one after another, as `gzip -d` reads them: and
//! zero bytes after the last one ignored (tape and block devices pad files
//! with them), which flate2's `MultiGzDecoder` refuses as a corrupt header.
//! Other bytes after the last member are corrupt data, as before.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// Decompresses every member of a gzip stream, ignoring zero padding at its
/// end.
pub struct Members<R: BufRead> {
    /// The member being read; `None` once the stream ended.
    member: Option<GzDecoder<R>>,
}

impl<R: BufRead> Members<R> {
    pub fn new(inner: R) -> Self {
        Members {
            member: Some(GzDecoder::new(inner)),
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(member) = &mut self.member else {
                return Ok(0);
            };
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // the member ended: another, zero padding, or the end
            let mut inner = self.member.take().expect("a member").into_inner();
            match inner.fill_buf()?.first() {
                None => return Ok(0),
                Some(0) => return skip_zeros(&mut inner).map(|()| 0),
                Some(_) => self.member = Some(GzDecoder::new(inner)),
            }
        }
    }
}

/// Consumes zero bytes to the end of `inner`; any other byte is corrupt data.
fn skip_zeros(inner: &mut impl BufRead) -> io::Result<()> {
    loop {
        let bytes = inner.fill_buf()?;
        if bytes.is_empty() {
            return Ok(());
        }
        if bytes.iter().any(|&b| b != 0) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "bytes other than zero padding after the gzip data",
            ));
        }
        let n = bytes.len();
        inner.consume(n);
    }
}
