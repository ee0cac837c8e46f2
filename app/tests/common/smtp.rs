//! A real SMTP server for the tests: `smtp_sink.py` beside this file (aiosmtpd,
//! installed from PyPI by `scripts/lib/install-tools.sh`) on a loopback port,
//! keeping every message it accepts as a file. Stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running test mail server.
pub struct SmtpSink {
    pub port: u16,
    folder: PathBuf,
    child: Child,
}

/// One message the server accepted, as sent.
#[derive(Debug, Clone)]
pub struct Received {
    /// The whole message (headers and body, quoted-printable undone).
    pub raw: String,
}

impl Received {
    /// The value of header `name` (first occurrence, unfolded).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("JUARA_TEST_PYTHON") {
        return python.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-tools/py/bin/python");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}

impl SmtpSink {
    /// Starts a server on a free loopback port.
    #[expect(clippy::expect_used, reason = "a test cannot go on without its server")]
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let folder = std::env::temp_dir().join(format!("juara-smtp-{port}-{}", std::process::id()));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/common/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(&script)
            .arg(port.to_string())
            .arg(&folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs (scripts/lib/install-tools.sh installs aiosmtpd)");
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        assert_eq!(
            line.trim(),
            "ready",
            "the test mail server did not start: is aiosmtpd installed? Run scripts/lib/install-tools.sh"
        );
        SmtpSink {
            port,
            folder,
            child,
        }
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message accepted so far, in the order they arrived.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter_map(|path| std::fs::read(path).ok())
            .map(|bytes| Received {
                raw: unquote(&String::from_utf8_lossy(&bytes)),
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Closing its standard input stops it; kill in case it hangs.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Undoes quoted-printable soft line breaks and `=XX` escapes well enough to
/// find links and words in a body.
pub fn unquote(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'='
            && let Some(hex) = joined.get(index + 1..index + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
