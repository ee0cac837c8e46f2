//! The judging load test (`scripts/bench judging` runs it).
//!
//! Seeds a fresh data directory (the demo edition plus `--judges` bench judges,
//! each assigned to every entry of this year's desk stage), starts the release
//! `juara` binary on it — the embedded database with every commit fsynced — and
//! has every judge save score-sheet revisions back to back for `--seconds`
//! through the same server function the tablets call. One revision in twenty is
//! sent twice, as a tablet does when an answer is lost, and must be answered as a
//! replay. Then the server is killed with SIGKILL, started again, and every
//! judge's last acknowledged revision is read back: anything acknowledged but not
//! stored counts as missing.
//!
//! Writes the figures as JSON (`--out`) and prints them.

use seed::Seeded;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

const STAGE: &str = "kipp-kini-desk";
const EDITION: &str = "kipp-kini";
const PASSWORD: &str = "bench-judge-2026";
const CRITERIA: [&str; 5] = [
    "kebaruan",
    "efektivitas",
    "kemanfaatan",
    "replikasi",
    "keberlanjutan",
];

struct Options {
    /// Set in the child that only seeds the database (its URL).
    seed_into: Option<String>,
    /// A SurrealDB server (`ws://127.0.0.1:8000`, root/root) instead of the
    /// embedded database.
    database: Option<String>,
    /// How many `juara` instances serve (on the server: 2 or more).
    instances: usize,
    /// Seconds of load on the published results page of every instance after
    /// the judges (0: none).
    public_seconds: u64,
    judges: usize,
    seconds: u64,
    /// Mean pause between one judge's saves (0: back to back).
    think: Duration,
    server: PathBuf,
    site_root: PathBuf,
    out: PathBuf,
}

fn options() -> Options {
    let mut options = Options {
        seed_into: None,
        database: None,
        instances: 1,
        public_seconds: 0,
        judges: 50,
        seconds: 30,
        think: Duration::ZERO,
        server: PathBuf::from("target/release/juara"),
        site_root: PathBuf::from("target/site"),
        out: PathBuf::from("target/bench/judging.json"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--judges" => options.judges = value.parse().expect("--judges is a number"),
            "--seconds" => options.seconds = value.parse().expect("--seconds is a number"),
            "--think-ms" => {
                options.think =
                    Duration::from_millis(value.parse().expect("--think-ms is a number"));
            }
            "--server" => options.server = value.into(),
            "--site-root" => options.site_root = value.into(),
            "--out" => options.out = value.into(),
            "--seed-into" => options.seed_into = Some(value),
            "--database" => options.database = Some(value),
            "--instances" => {
                options.instances = value.parse().expect("--instances is a number");
            }
            "--public-seconds" => {
                options.public_seconds = value.parse().expect("--public-seconds is a number");
            }
            other => panic!("unknown option {other}"),
        }
    }
    options
}

struct Server {
    child: Child,
    base: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

async fn start(options: &Options, data: &std::path::Path) -> Server {
    let port = free_port();
    let mut command = Command::new(&options.server);
    if let Some(url) = &options.database {
        command
            .env("JUARA_DB", url)
            .env("JUARA_DB_USER", "root")
            .env("JUARA_DB_PASS", "root");
    }
    let mut child = command
        .arg("serve")
        .env("JUARA_ADDR", format!("127.0.0.1:{port}"))
        .env("JUARA_DATA", data)
        .env("JUARA_SITE_ROOT", &options.site_root)
        .env("JUARA_LOG", "warn")
        .env("JUARA_LOGIN_MAX_FAILURES", "1000")
        .spawn()
        .unwrap_or_else(|error| panic!("start {}: {error}", options.server.display()));
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|answer| answer.status().is_success())
        {
            return Server { child, base };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not answer /healthz within a minute");
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4)
        .build()
        .expect("an HTTP client")
}

/// Signs a judge in and answers their session cookie.
async fn sign_in(client: &reqwest::Client, base: &str, judge: usize) -> String {
    session_cookie(
        client,
        base,
        &format!("bench.judge.{judge}@juara.test"),
        PASSWORD,
    )
    .await
}

/// Signs `email` in on `base`; answers the `juara_session=…` pair to send back.
async fn session_cookie(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> String {
    let answer = client
        .post(format!("{base}/api/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(format!(
            "email={}&password={}",
            email.replace('@', "%40"),
            password
        ))
        .send()
        .await
        .expect("sign in");
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| {
            cookie
                .split(';')
                .next()
                .filter(|pair| pair.starts_with("juara_session="))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("{email} could not sign in ({})", answer.status()))
}

/// The signed-in account's key: saves name the account they were made for.
async fn account_of(client: &reqwest::Client, base: &str, cookie: &str) -> String {
    #[derive(Deserialize)]
    struct Me {
        id: String,
    }
    let body = client
        .post(format!("{base}/api/me"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .send()
        .await
        .expect("who am I")
        .bytes()
        .await
        .expect("an answer");
    serde_json::from_slice::<Option<Me>>(&body)
        .expect("an account")
        .expect("signed in")
        .id
}

#[derive(Deserialize)]
struct Saved {
    revision: i64,
    replayed: bool,
}

/// What one judge's run produced.
#[derive(Default)]
struct JudgeRun {
    latencies: Vec<Duration>,
    /// Revisions the server acknowledged (first sends, not replays).
    acks: usize,
    errors: usize,
    replays: usize,
    bad_replays: usize,
    /// Entry → (acknowledged revision, values sent).
    acknowledged: BTreeMap<String, (i64, BTreeMap<&'static str, f64>)>,
}

/// A small, fast, deterministic generator (xorshift), so runs are repeatable.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

async fn judge_loop(
    judge: usize,
    (cookie, owner): (String, String),
    base: Arc<str>,
    entries: Arc<Vec<String>>,
    until: Instant,
    think: Duration,
) -> JudgeRun {
    let client = client();
    let mut run = JudgeRun::default();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (judge as u64 + 1));
    let mut sent = 0_u64;
    while Instant::now() < until {
        let entry = &entries[(dice.next() % entries.len() as u64) as usize];
        let base_revision = run
            .acknowledged
            .get(entry)
            .map_or(0, |(revision, _)| *revision);
        let values: BTreeMap<&'static str, f64> = CRITERIA
            .iter()
            .map(|key| (*key, (dice.next() % 101) as f64))
            .collect();
        sent += 1;
        let body = serde_json::json!({
            "stage": STAGE,
            "entry": entry,
            "owner": owner,
            "revision": {
                "values": values,
                "comments": {},
                "comment": "",
                "submit": sent.is_multiple_of(3),
                "base_revision": base_revision,
                "idempotency_key": format!("bench-{judge}-{sent}"),
            }
        })
        .to_string();
        let replay = dice.next().is_multiple_of(20);
        if !think.is_zero() {
            // Real judges are not in step: each pause is drawn between half and one
            // and a half times the mean, so 50 judges do not all arrive at once.
            let factor = 0.5 + (dice.next() % 1001) as f64 / 1000.0;
            tokio::time::sleep(think.mul_f64(factor)).await;
        }
        for attempt in 0..(1 + usize::from(replay)) {
            let started = Instant::now();
            let answer = client
                .post(format!("{base}/api/save_sheet"))
                .header("content-type", "application/json")
                .header("sec-fetch-site", "same-origin")
                .header("cookie", &cookie)
                .body(body.clone())
                .send()
                .await;
            let saved = match answer {
                Ok(answer) if answer.status().is_success() => answer
                    .bytes()
                    .await
                    .ok()
                    .and_then(|body| serde_json::from_slice::<Saved>(&body).ok()),
                _ => None,
            };
            run.latencies.push(started.elapsed());
            match saved {
                Some(saved) if attempt == 0 => {
                    run.acks += 1;
                    run.acknowledged
                        .insert(entry.clone(), (saved.revision, values.clone()));
                }
                Some(saved) => {
                    run.replays += 1;
                    if !saved.replayed {
                        run.bad_replays += 1;
                    }
                }
                None => run.errors += 1,
            }
        }
    }
    run
}

#[derive(Deserialize)]
struct StoredSheet {
    revision: i64,
    values: BTreeMap<String, f64>,
}

/// Reads back every judge's last acknowledged revision of every entry; answers how
/// many are not stored as acknowledged.
async fn missing(base: &str, cookies: &[String], runs: &[JudgeRun]) -> usize {
    let client = client();
    let mut missing = 0;
    for (cookie, run) in cookies.iter().zip(runs) {
        for (entry, (revision, values)) in &run.acknowledged {
            let stored = client
                .post(format!("{base}/api/load_scoring_view"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header("cookie", cookie)
                .body(format!("stage={STAGE}&entry={entry}"))
                .send()
                .await
                .expect("read a sheet back")
                .bytes()
                .await
                .expect("a scoring view");
            let stored: StoredSheet = serde_json::from_slice(&stored).expect("a scoring view");
            let same_values = values
                .iter()
                .all(|(key, value)| stored.values.get(*key) == Some(value));
            if stored.revision != *revision || !same_values {
                missing += 1;
            }
        }
    }
    missing
}

fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

mod probes;
mod seed;

#[tokio::main]
async fn main() {
    let options = options();
    if let Some(url) = &options.seed_into {
        // One judge more than the load uses: the dashboard probe's.
        let seeded = seed::seed(url, options.judges + 1).await;
        println!("{}", serde_json::to_string(&seeded).expect("json"));
        return;
    }
    let data = std::env::temp_dir().join(format!("juara-bench-judging-{}", std::process::id()));
    std::fs::create_dir_all(&data).expect("create the bench data directory");
    // Seeded by a child process (this program with `--seed-into`): the embedded
    // database is locked by its process until that process ends.
    let url = options
        .database
        .clone()
        .unwrap_or_else(|| format!("surrealkv://{}?sync=every", data.join("db").display()));
    let seeded = Command::new(std::env::current_exe().expect("this program"))
        .args(["--seed-into", &url])
        .args(["--judges", &options.judges.to_string()])
        .output()
        .expect("run the seeding step");
    assert!(
        seeded.status.success(),
        "seeding failed: {}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let Seeded {
        entries,
        judged_slug,
    } = serde_json::from_slice(&seeded.stdout).expect("the seeded entries");
    let entries = Arc::new(entries);
    eprintln!(
        "seeded {} judges × {} entries in {}",
        options.judges,
        entries.len(),
        data.display()
    );

    let mut servers = Vec::new();
    for _ in 0..options.instances.max(1) {
        servers.push(start(&options, &data).await);
    }
    let bases: Vec<Arc<str>> = servers
        .iter()
        .map(|server| Arc::from(server.base.as_str()))
        .collect();
    // Judge n works on instance n mod N, as a load balancer would spread them.
    let base_of = |judge: usize| bases[judge % bases.len()].clone();
    let signer = client();
    let mut cookies = Vec::new();
    let mut owners = Vec::new();
    for judge in 0..options.judges {
        let cookie = sign_in(&signer, &base_of(judge), judge).await;
        owners.push(account_of(&signer, &base_of(judge), &cookie).await);
        cookies.push(cookie);
    }

    let started = Instant::now();
    let until = started + Duration::from_secs(options.seconds);
    let tasks: Vec<_> = cookies
        .iter()
        .enumerate()
        .map(|(judge, cookie)| {
            tokio::spawn(judge_loop(
                judge,
                (cookie.clone(), owners[judge].clone()),
                base_of(judge),
                entries.clone(),
                until,
                options.think,
            ))
        })
        .collect();
    let mut runs = Vec::new();
    for task in tasks {
        runs.push(task.await.expect("a judge's run"));
    }
    let elapsed = started.elapsed().as_secs_f64();

    // Across instances: a save on the first reaching a dashboard on the
    // second, and the published results page served by every instance.
    let dashboard = if bases.len() >= 2 {
        let prober = sign_in(&signer, &bases[0], options.judges).await;
        let owner = account_of(&signer, &bases[0], &prober).await;
        let probe = probes::DashboardProbe {
            judged_slug: &judged_slug,
            judge_cookie: &prober,
            owner: &owner,
            entry: &entries[0],
        };
        Some(probes::dashboard_latency(&bases[0], &bases[1], probe).await)
    } else {
        None
    };
    let public = if options.public_seconds > 0 {
        Some(probes::public_page(&bases, Duration::from_secs(options.public_seconds)).await)
    } else {
        None
    };

    // Acknowledged means durable: kill every instance without warning, start
    // one again on the same database, and read everything back.
    for server in &mut servers {
        server.child.kill().expect("kill the server");
        let _ = server.child.wait();
    }
    let mut server = start(&options, &data).await;
    let mut fresh_cookies = Vec::new();
    for judge in 0..options.judges {
        fresh_cookies.push(sign_in(&signer, &server.base, judge).await);
    }
    let missing = missing(&server.base, &fresh_cookies, &runs).await;
    let _ = server.child.kill();
    let _ = server.child.wait();
    let _ = std::fs::remove_dir_all(&data);

    let mut latencies: Vec<Duration> = runs
        .iter()
        .flat_map(|run| run.latencies.iter().copied())
        .collect();
    latencies.sort_unstable();
    let requests = latencies.len();
    let report = serde_json::json!({
        "judges": options.judges,
        "seconds": options.seconds,
        "think_ms": options.think.as_millis(),
        "entries_per_judge": entries.len(),
        "requests": requests,
        "rps": (requests as f64 / elapsed * 10.0).round() / 10.0,
        "p50_ms": (percentile(&latencies, 0.50) * 100.0).round() / 100.0,
        "p90_ms": (percentile(&latencies, 0.90) * 100.0).round() / 100.0,
        "p99_ms": (percentile(&latencies, 0.99) * 100.0).round() / 100.0,
        "max_ms": (latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0) * 100.0).round() / 100.0,
        "errors": runs.iter().map(|run| run.errors).sum::<usize>(),
        "replays": runs.iter().map(|run| run.replays).sum::<usize>(),
        "replays_not_recognised": runs.iter().map(|run| run.bad_replays).sum::<usize>(),
        "acknowledged": runs.iter().map(|run| run.acks).sum::<usize>(),
        "sheets_checked": runs.iter().map(|run| run.acknowledged.len()).sum::<usize>(),
        "missing": missing,
        "database": if options.database.is_some() {
            "SurrealDB 3.3.5 server (juara-surreal), SurrealKV"
        } else {
            "embedded surrealkv, sync=every"
        },
        "instances": bases.len(),
        "dashboard_event": dashboard,
        "public_results_page": public,
        "cores": std::thread::available_parallelism().map_or(0, usize::from),
    });
    if let Some(parent) = options.out.parent() {
        std::fs::create_dir_all(parent).expect("create the output directory");
    }
    std::fs::write(
        &options.out,
        serde_json::to_string_pretty(&report).expect("json") + "\n",
    )
    .expect("write the report");
    println!("{}", serde_json::to_string_pretty(&report).expect("json"));
}
