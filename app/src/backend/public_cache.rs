//! What the public site keeps in memory: the catalogue, and each published
//! results page as rendered (per language, with its compressed copies).
//!
//! When results are announced the results page is shared across the city and
//! opened by a spike of phones; rendering it once per publication and serving
//! the bytes from memory keeps that spike off the database. Both are dropped
//! whenever this process publishes, withdraws or changes which sections are
//! public, and are checked again after a short time anyway, so that a second
//! instance on the same database (or `juara import`) is seen within seconds.

use crate::backend::db::Db;
use crate::backend::service::catalogue::{self, Catalogue};
use crate::error::AppError;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a built catalogue is used before it is built again.
const CATALOGUE_FRESH_FOR: Duration = Duration::from_secs(60);

/// Most pages kept at once (per edition, language and known host). Only the
/// hosts the site answers to are cached, so made-up `Host` headers cannot grow
/// it; past this, the least recently served page makes room.
const MAX_PAGES: usize = 256;

/// How long a cached page is served before the standing publication is checked.
pub const PAGE_CHECK_EVERY: Duration = Duration::from_secs(5);

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
    /// This process's cache generation when it was rendered (in the ETag).
    pub generation: u64,
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

#[derive(Debug, Default)]
struct Inner {
    generation: AtomicU64,
    catalogue: RwLock<Option<(Instant, Arc<Catalogue>)>>,
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
}

impl PublicCache {
    /// Forgets everything: called after a publication, a withdrawal or a change
    /// to what is public.
    pub fn invalidate(&self) {
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut catalogue) = self.inner.catalogue.write() {
            *catalogue = None;
        }
        if let Ok(mut pages) = self.inner.pages.write() {
            pages.clear();
        }
    }

    /// The current generation (part of every cached page's ETag, so that a
    /// restart or an invalidation never revalidates an old page).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::SeqCst)
    }

    /// The catalogue, built now when none is fresh.
    pub async fn catalogue(&self, db: &Db) -> Result<Arc<Catalogue>, AppError> {
        if let Some(fresh) = self.fresh_catalogue() {
            return Ok(fresh);
        }
        let _building = self.inner.building.lock().await;
        // Another request may have built it while this one waited.
        if let Some(fresh) = self.fresh_catalogue() {
            return Ok(fresh);
        }
        let generation = self.generation();
        let built = Arc::new(catalogue::build(db).await?);
        // An invalidation while building means it may already be stale: use it
        // for this request, but do not keep it.
        if generation == self.generation()
            && let Ok(mut guard) = self.inner.catalogue.write()
        {
            *guard = Some((Instant::now(), built.clone()));
        }
        Ok(built)
    }

    fn fresh_catalogue(&self) -> Option<Arc<Catalogue>> {
        let guard = self.inner.catalogue.read().ok()?;
        let (built, catalogue) = guard.as_ref()?;
        (built.elapsed() < CATALOGUE_FRESH_FOR).then(|| catalogue.clone())
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
        })
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
