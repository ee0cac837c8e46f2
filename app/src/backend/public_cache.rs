//! What the public site keeps in memory: the catalogue, and each published
//! results page as rendered (per language, with its compressed copies).
//!
//! When results are announced the results page is shared across the city and
//! opened by a spike of phones; rendering it once per publication and serving
//! the bytes from memory keeps that spike off the database. Both are dropped
//! whenever this process publishes, withdraws or changes which sections are
//! public, and are checked again after a short time anyway, so that a second
//! instance on the same database (or `juara import`) is seen within seconds:
//! a page against its publication's key, the catalogue against the site's
//! public version (`public_version`, bumped by every instance's invalidation).

use crate::backend::db::Db;
use crate::backend::repo::coordination;
use crate::backend::service::catalogue::{self, Catalogue};
use crate::error::AppError;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a built catalogue is used before it is built again, whatever the
/// public version says (an entrant's edit to an innovation bumps none).
const CATALOGUE_FRESH_FOR: Duration = Duration::from_secs(60);

/// Invalidations waiting to be written; past this, one is dropped (the other
/// instances then see the change at their next rebuild anyway).
const WRITE_BACKLOG: usize = 64;

/// Most pages kept at once (per edition, language and known host). Only the
/// hosts the site answers to are cached, so made-up `Host` headers cannot grow
/// it; past this, the least recently served page makes room.
const MAX_PAGES: usize = 256;

/// How long a cached page is served before the standing publication is checked.
pub const PAGE_CHECK_EVERY: Duration = Duration::from_secs(2);

/// A rendered page: the response headers worth keeping and its body three ways.
#[derive(Debug)]
pub struct CachedPage {
    /// The version of the results it shows (the publication and what of it
    /// is disclosed; see `publication::standing_key`): its ETag.
    pub version: String,
    /// The headers of the rendered response (type, security policy).
    pub headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// The body as rendered.
    pub identity: Bytes,
    /// … gzip-compressed.
    pub gzip: Bytes,
    /// … brotli-compressed.
    pub brotli: Bytes,
    /// This process's cache generation when it was rendered: a page rendered
    /// before an invalidation is not kept.
    pub generation: u64,
    /// A digest of the rendered page (kept headers and bytes) without its
    /// per-rendering nonce, in the ETag: the same page from a restarted or
    /// another instance is answered 304, and a copy a browser kept from
    /// another build (other asset names) or another way of rendering never is.
    pub digest: String,
}

/// (path with origin, language).
type PageKey = (String, String);

/// A kept page: when its publication was last checked, when it was last
/// served (a tick of [`Inner::clock`]), and the page.
#[derive(Debug)]
struct Kept {
    checked: Instant,
    used: AtomicU64,
    page: Arc<CachedPage>,
}

/// A built catalogue: when it was built, when the public version was last
/// checked, and the version it was built at.
#[derive(Debug)]
struct BuiltCatalogue {
    built: Instant,
    checked: Instant,
    version: Option<i64>,
    catalogue: Arc<Catalogue>,
}

#[derive(Debug, Default)]
struct Inner {
    generation: AtomicU64,
    catalogue: RwLock<Option<BuiltCatalogue>>,
    /// Held while the catalogue is built, so that a burst of requests after it
    /// goes stale builds it once.
    building: tokio::sync::Mutex<()>,
    /// See [`PublicCache::rendering`].
    rendering: tokio::sync::Mutex<()>,
    /// (path, language) → the page.
    pages: RwLock<HashMap<PageKey, Kept>>,
    /// Counts page reads, to find the least recently served page.
    clock: AtomicU64,
}

/// The cache, shared by every request (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct PublicCache {
    inner: Arc<Inner>,
    /// Where invalidations go to be written to the database, when the cache
    /// is shared with other instances (see [`PublicCache::shared`]).
    shared: Option<tokio::sync::mpsc::Sender<()>>,
}

impl PublicCache {
    /// A cache whose invalidations reach every instance on `db`: each one
    /// bumps the site's public version there, which the other instances'
    /// catalogues are checked against. Spawns the writer on the current runtime.
    #[must_use]
    pub fn shared(db: Db) -> PublicCache {
        let (queue, mut queued) = tokio::sync::mpsc::channel::<()>(WRITE_BACKLOG);
        tokio::spawn(async move {
            while queued.recv().await.is_some() {
                let bumped = coordination::bump_public_version(&db).await;
                if let Err(error) = bumped {
                    tracing::warn!(%error, "could not tell the other instances what is public");
                }
            }
        });
        PublicCache {
            shared: Some(queue),
            ..PublicCache::default()
        }
    }

    /// Forgets everything: called after a publication, a withdrawal or a change
    /// to what is public.
    pub fn invalidate(&self) {
        if let Some(queue) = &self.shared {
            let _ = queue.try_send(());
        }
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut catalogue) = self.inner.catalogue.write() {
            *catalogue = None;
        }
        if let Ok(mut pages) = self.inner.pages.write() {
            pages.clear();
        }
    }

    /// The current generation (a page rendered in an older one is not kept).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::SeqCst)
    }

    /// The catalogue, built now when none is fresh. Once every
    /// [`PAGE_CHECK_EVERY`] one caller checks the public version (one record)
    /// and rebuilds when another instance has changed what is public.
    pub async fn catalogue(&self, db: &Db) -> Result<Arc<Catalogue>, AppError> {
        match self.kept_catalogue() {
            Some((catalogue, false)) => return Ok(catalogue),
            Some((catalogue, true)) => {
                let kept_version = self.catalogue_version();
                match coordination::public_version(db).await {
                    Ok(version) if version == kept_version => return Ok(catalogue),
                    // Changed through another instance: build it again (and
                    // let the requests that arrive meanwhile wait for it).
                    Ok(_) => {
                        if let Ok(mut guard) = self.inner.catalogue.write() {
                            *guard = None;
                        }
                    }
                    // The database did not answer: what people already see stays.
                    Err(_) => return Ok(catalogue),
                }
            }
            None => {}
        }
        let _building = self.inner.building.lock().await;
        // Another request may have built it while this one waited.
        if let Some((catalogue, false)) = self.kept_catalogue() {
            return Ok(catalogue);
        }
        let generation = self.generation();
        let version = coordination::public_version(db).await?;
        let built = Arc::new(catalogue::build(db).await?);
        // An invalidation while building means it may already be stale: use it
        // for this request, but do not keep it.
        if generation == self.generation()
            && let Ok(mut guard) = self.inner.catalogue.write()
        {
            *guard = Some(BuiltCatalogue {
                built: Instant::now(),
                checked: Instant::now(),
                version,
                catalogue: built.clone(),
            });
        }
        Ok(built)
    }

    /// The kept catalogue, unless too old, with whether this caller is to
    /// check the public version (one caller per [`PAGE_CHECK_EVERY`]).
    fn kept_catalogue(&self) -> Option<(Arc<Catalogue>, bool)> {
        {
            let guard = self.inner.catalogue.read().ok()?;
            let kept = guard.as_ref()?;
            if kept.built.elapsed() >= CATALOGUE_FRESH_FOR {
                return None;
            }
            if kept.checked.elapsed() < PAGE_CHECK_EVERY {
                return Some((kept.catalogue.clone(), false));
            }
        }
        let mut guard = self.inner.catalogue.write().ok()?;
        let kept = guard.as_mut()?;
        let due = kept.checked.elapsed() >= PAGE_CHECK_EVERY;
        if due {
            kept.checked = Instant::now();
        }
        Some((kept.catalogue.clone(), due))
    }

    fn catalogue_version(&self) -> Option<i64> {
        self.inner
            .catalogue
            .read()
            .ok()
            .and_then(|guard| guard.as_ref().and_then(|kept| kept.version))
    }

    /// The cached page for `path` in `language`, with whether this caller is
    /// to check its publication again: once every [`PAGE_CHECK_EVERY`], and to
    /// one caller only (the others are served the page meanwhile), so that a
    /// burst of readers never queues on the database.
    #[must_use]
    pub fn page(&self, path: &str, language: &str) -> Option<(Arc<CachedPage>, bool)> {
        let key = (path.to_owned(), language.to_owned());
        let tick = self.inner.clock.fetch_add(1, Ordering::Relaxed);
        {
            let pages = self.inner.pages.read().ok()?;
            let kept = pages.get(&key)?;
            kept.used.store(tick, Ordering::Relaxed);
            if kept.checked.elapsed() < PAGE_CHECK_EVERY {
                return Some((kept.page.clone(), false));
            }
        }
        let mut pages = self.inner.pages.write().ok()?;
        let kept = pages.get_mut(&key)?;
        let due = kept.checked.elapsed() >= PAGE_CHECK_EVERY;
        if due {
            kept.checked = Instant::now();
        }
        Some((kept.page.clone(), due))
    }

    /// Held while a page is rendered, so that a burst of readers of a page not
    /// yet cached renders it once (the others wait, then read the cache).
    pub async fn rendering(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.rendering.lock().await
    }

    /// Keeps `page` for `path` in `language`, unless the cache was invalidated
    /// since it was rendered.
    pub fn keep(&self, path: &str, language: &str, page: Arc<CachedPage>) {
        if page.generation != self.generation() {
            return;
        }
        if let Ok(mut pages) = self.inner.pages.write() {
            let key = (path.to_owned(), language.to_owned());
            if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
                let least_recent = pages
                    .iter()
                    .min_by_key(|(_, kept)| kept.used.load(Ordering::Relaxed))
                    .map(|(key, _)| key.clone());
                if let Some(least_recent) = least_recent {
                    pages.remove(&least_recent);
                }
            }
            let tick = self.inner.clock.fetch_add(1, Ordering::Relaxed);
            pages.insert(
                key,
                Kept {
                    checked: Instant::now(),
                    used: AtomicU64::new(tick),
                    page,
                },
            );
        }
    }

    /// Forgets the page for `path` in every language (its results are gone).
    pub fn forget(&self, path: &str) {
        if let Ok(mut pages) = self.inner.pages.write() {
            pages.retain(|(cached, _), _| cached != path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(version: &str) -> Arc<CachedPage> {
        Arc::new(CachedPage {
            version: version.into(),
            headers: Vec::new(),
            identity: Bytes::new(),
            gzip: Bytes::new(),
            brotli: Bytes::new(),
            generation: 0,
            digest: String::new(),
        })
    }

    /// A publication through another instance reaches this instance's
    /// catalogue at its next check of the public version.
    #[tokio::test]
    async fn another_instances_invalidation_rebuilds_the_catalogue() {
        let db = crate::backend::db::open_for_tests()
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        let (here, there) = (
            PublicCache::shared(db.clone()),
            PublicCache::shared(db.clone()),
        );
        assert!(here.catalogue(&db).await.is_ok());
        assert_eq!(here.catalogue_version(), None);
        there.invalidate();
        // The bump is written in the background: wait until it is there.
        for _ in 0..100 {
            if coordination::public_version(&db)
                .await
                .ok()
                .flatten()
                .is_some()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(PAGE_CHECK_EVERY + Duration::from_millis(100)).await;
        assert!(here.catalogue(&db).await.is_ok());
        assert_eq!(
            here.catalogue_version(),
            Some(1),
            "rebuilt at the new version"
        );
    }

    #[test]
    fn a_full_cache_makes_room_by_dropping_the_least_recently_served_page() {
        let cache = PublicCache::default();
        for n in 0..MAX_PAGES {
            cache.keep(&format!("/editions/e{n}/results"), "id", page("p"));
        }
        // The first page is read again: it is now the most recent.
        assert!(cache.page("/editions/e0/results", "id").is_some());
        cache.keep("/editions/new/results", "id", page("p"));
        assert!(cache.page("/editions/e0/results", "id").is_some());
        assert!(cache.page("/editions/e1/results", "id").is_none());
        assert!(cache.page("/editions/new/results", "id").is_some());
    }
}
