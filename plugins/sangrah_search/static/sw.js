/*
 * sangrah service worker: the archive offline, for a visitor who was online once.
 *
 * Written to the root of the site by the build (plugins/sangrah_search), so
 * that its scope is the whole site: on GitHub Pages a project site's root is
 * the sub-path /REPO/ of USER.github.io, and so is the scope. Every URL
 * here is relative to the worker's own location; the file names no host.
 *
 * - Pages: network first (a visitor online always reads the current build),
 *   kept in the cache as they are visited, served from it when offline.
 * - Everything else of the site (styles, fonts, search scripts and data):
 *   cache first. Search files carry the build's version in their URL (?v=),
 *   so a cached one is never stale.
 * - search.js sends the worker the URLs it loaded (the page itself, the
 *   search scripts, the manifest and each part of the split index a search
 *   loads) to keep: the first page a visitor opens loads before the worker
 *   controls it. For a small site (the manifest's `offline`), every part
 *   and document file after the first search, so any search works offline.
 * - Cache names carry this build's version; a new build installs a new
 *   worker, which moves the visited pages over and deletes the old caches.
 *   Names also carry the scope: every project site of a GitHub user shares
 *   one origin, and so one set of caches.
 * - Nothing outside the scope is touched.
 */
'use strict'

var VERSION = '__SANGRAH_VERSION__'
var SCOPE = self.registration.scope
var PREFIX = 'sangrah ' + SCOPE + ' '
var PAGES = PREFIX + 'pages ' + VERSION
var ASSETS = PREFIX + 'assets ' + VERSION

function inScope (url) {
  return url.indexOf(SCOPE) === 0
}

function isPage (request) {
  return request.mode === 'navigate' ||
    (request.headers.get('accept') || '').indexOf('text/html') !== -1
}

// Only whole, same-origin answers are kept: no errors, redirects or opaque bodies.
function keepable (response) {
  return response && response.ok && response.type === 'basic'
}

function put (cacheName, request, response) {
  return caches.open(cacheName).then(function (cache) { return cache.put(request, response) })
}

function networkFirst (request) {
  return fetch(request).then(function (response) {
    if (keepable(response)) put(PAGES, request, response.clone())
    return response
  }, function (error) {
    return caches.open(PAGES).then(function (cache) {
      // A shared search link (search/?q=...) offline: the search page
      // without its query string is the same page.
      return cache.match(request).then(function (hit) {
        return hit || cache.match(request, { ignoreSearch: true })
      })
    }).then(function (hit) {
      if (hit) return hit
      throw error
    })
  })
}

function cacheFirst (request) {
  return caches.open(ASSETS).then(function (cache) {
    return cache.match(request).then(function (hit) {
      if (hit) return hit
      return fetch(request).then(function (response) {
        if (keepable(response)) cache.put(request, response.clone())
        return response
      })
    })
  })
}

// Fetch and keep one URL unless it is kept already. 'no-cache' asks the
// server again instead of trusting the HTTP cache, which may still hold a
// file of the previous build under an unversioned URL (a stylesheet).
function keep (cacheName, url) {
  if (!inScope(url)) return Promise.resolve()
  return caches.open(cacheName).then(function (cache) {
    return cache.match(url).then(function (hit) {
      if (hit) return undefined
      return fetch(new Request(url, { cache: 'no-cache' })).then(function (response) {
        if (keepable(response)) return cache.put(url, response)
      })
    })
  }).catch(function () {})
}

self.addEventListener('install', function () {
  // Nothing is fetched ahead: the index is kept on a visitor's first search,
  // not downloaded for every visitor.
  self.skipWaiting()
})

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var ours = names.filter(function (name) { return name.indexOf(PREFIX) === 0 })
    var oldPages = ours.filter(function (name) { return name.indexOf(PREFIX + 'pages ') === 0 && name !== PAGES })
    // Visited pages stay readable offline across builds (they are fetched
    // afresh whenever the visitor is online); everything else goes.
    return Promise.all(oldPages.map(function (name) {
      return caches.open(name).then(function (old) {
        return old.keys().then(function (requests) {
          return Promise.all(requests.map(function (request) {
            return old.match(request).then(function (response) {
              return caches.open(PAGES).then(function (cache) {
                return cache.match(request).then(function (hit) { return hit || cache.put(request, response) })
              })
            })
          }))
        })
      })
    })).then(function () {
      return Promise.all(ours.filter(function (name) { return name !== PAGES && name !== ASSETS })
        .map(function (name) { return caches.delete(name) }))
    })
  }).then(function () { return self.clients.claim() }))
})

self.addEventListener('fetch', function (event) {
  var request = event.request
  if (request.method !== 'GET' || !inScope(request.url)) return
  event.respondWith(isPage(request) ? networkFirst(request) : cacheFirst(request))
})

self.addEventListener('message', function (event) {
  var data = event.data || {}
  if (data.type !== 'sangrah-keep') return
  var work = [].concat(
    (data.pages || []).map(function (url) { return keep(PAGES, String(url)) }),
    (data.assets || []).map(function (url) { return keep(ASSETS, String(url)) })
  )
  var reply = event.ports && event.ports[0]
  event.waitUntil(Promise.all(work).then(function () {
    if (reply) reply.postMessage({ type: 'sangrah-kept', version: VERSION })
  }))
})
