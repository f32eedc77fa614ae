// 近くの窓口を探す (issues #5, #12): a postal code, a municipality name or the device
// position → what the municipality takes part in, its service points, its prefecture's,
// other service points nearby (whose operators decide who may use them), and the next
// step any resident can take (the Hello Work office for their area).
// Reads the static shards written by generator/outputs/finder.py and postal.py
// (their docstrings describe the formats). Its words, the shards' paths and the names
// it parses come from the page (script[data-finder-settings], written by outputs/finder.py
// script_data()), so every edition runs this script with its own catalogue: the shards hold
// no words, only text from data in every edition ({ja, easy, en?}: see dataText), vocabulary
// ids, ISO dates and places' Japanese, English and kana names; furigana in the words and in
// やさしい日本語 data ({漢字|かんじ}) become <ruby>, and Japanese on an English page is marked lang="ja". The query lives in the URL
// (?zip= / ?q= / ?lat=&lon=), so results can be bookmarked and the back button works.
// All DOM is built with createElement/textContent: data never goes through innerHTML.
"use strict";

(() => {
  const finder = document.getElementById("finder");
  if (!finder) return;

  // Other operators' service points are offered within this straight-line distance only:
  // a counter 40 km away, run by another municipality for its own residents, is no answer.
  const NEARBY_KM = 30;
  const NEARBY_MAX = 10;
  const SUGGESTIONS = 10;
  const NAME_BUCKETS = 64; // generator.finder.NAME_BUCKETS
  const EARTH_RADIUS_KM = 6371.0088;
  const settings = JSON.parse(document.querySelector("script[data-finder-settings]").textContent);
  const { words, paths } = settings;
  // Index = prefecture code − 1. Needed before any fetch: "神奈川県綾瀬市" must be
  // searched under 綾, not under 神.
  const PREFECTURES = settings.prefectures;
  const PREFECTURES_ENGLISH = settings.prefectures_english;
  // generator.enrich.COUNTER_KIND: an integrated counter the deck names no facility for
  const COUNTER_KIND = "integrated-counter";
  // What may follow a query for it to name a municipality exactly: 綾瀬 → 綾瀬市, ayase → ayaseshi.
  const KIND_SUFFIXES = new Set(settings.suffixes);
  const RELATIONS = ["municipality", "prefecture", "nearby"];

  /**
   * A catalogue entry with its {placeholders} filled: a list of strings and nodes. A value may
   * be a node or a list; nodes are copied, so a value can fill two places. Furigana in our words
   * ({漢字|かんじ}) become <ruby> elements; values are data and stay text.
   */
  function fill(key, values = {}) {
    return words[key]
      .split(/\{(\w+)\}/)
      .flatMap((part, i) => (i % 2 ? copied(values[part]) : rubyParts(part)))
      .filter((part) => part !== "");
  }
  const copied = (value) => [value].flat(Infinity).map((part) => (part instanceof Node ? part.cloneNode(true) : part));

  /** "{漢字|かんじ}です" → [<ruby>漢字<rt>かんじ</rt></ruby>, "です"] */
  function rubyParts(text) {
    const parts = text.split(/\{([^{}|]+)\|([^{}|]+)\}/); // text, base, reading, text, …
    const nodes = [];
    for (let i = 0; i < parts.length; i += 3) {
      nodes.push(parts[i]);
      if (i + 1 < parts.length) nodes.push(element("ruby", {}, parts[i + 1], element("rt", {}, parts[i + 2])));
    }
    return nodes;
  }

  /** The same as plain text, for attributes: furigana left out. */
  const say = (key, values) => fill(key, values).map(plainText).join("");
  const plainText = (part) =>
    !(part instanceof Node) ? String(part) : part.localName === "ruby" ? part.firstChild.textContent : part.textContent;
  /** A path pattern from urls.py with its {key} filled. */
  const pathOf = (pattern, key) => pattern.replace("{key}", key);

  // page links in the shards are site-relative; an edition links to its own page where it has one
  const rootOf = (path) =>
    settings.edition_folders.some((folder) => path.startsWith(folder)) ? settings.edition_root : settings.site_root;
  const results = document.getElementById("finder-results");
  const inputs = { zip: document.getElementById("zip-input"), name: document.getElementById("name-input") };
  const errors = {
    zip: document.getElementById("zip-error"),
    name: document.getElementById("name-error"),
    geo: document.getElementById("geo-error"),
  };
  const suggestions = document.getElementById("name-suggestions");
  const nextStepsSection = document.getElementById("finder-next-steps");

  /** A message for the citizen (a catalogue entry), shown under one field. */
  class FinderError extends Error {
    constructor(field, key, values) {
      super(say(key, values));
      this.field = field;
      this.parts = fill(key, values);
    }
  }

  // --- data -------------------------------------------------------------------

  const shards = new Map(); // path → Promise of parsed JSON (null when absent)

  /** A shard (its path relative to the page), fetched once; a failed fetch is forgotten so a retry refetches. */
  function shard(path) {
    if (!shards.has(path)) {
      const loading = fetch(path).then((response) => {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return response.json();
      });
      loading.catch(() => shards.delete(path));
      shards.set(path, loading);
    }
    return shards.get(path);
  }

  /** Like shard(), for files the indexes promise exist. */
  async function requiredShard(path) {
    const data = await shard(path);
    if (data === null) throw new Error(`${path} is missing`);
    return data;
  }

  /** A prefecture's name as the edition shows it (Japanese, English: Kanagawa, or with its reading). */
  const prefectureName = (code) => {
    const index = Number(code.slice(0, 2)) - 1;
    return nameOf([PREFECTURES[index], PREFECTURES_ENGLISH[index], settings.prefectures_kana[index]]);
  };
  /** A place's name as the edition shows it, from its [Japanese, English, kana] names. */
  const nameOf = ([japanese, english, kana]) =>
    settings.romaji ? english : settings.edition === "easy" && kana ? element("ruby", {}, japanese, element("rt", {}, kana)) : japanese;
  /** "神奈川県綾瀬市" or "Ayase-shi, Kanagawa", from its code and [Japanese, English, kana] names. */
  const fullName = (code, names) => fill("place_full", { prefecture: prefectureName(code), name: nameOf(names) });

  /** Japanese on an English page, marked so a screen reader reads it as Japanese. */
  const japanese = (text) => (settings.edition === "en" ? element("span", { lang: "ja" }, text) : text);
  /**
   * Text from data ({ja, easy, en?}) as the page's edition shows it: English where data/ has a
   * translation (a name `withOriginal` keeps its Japanese beside it, as on the counter's sign),
   * やさしい日本語 with its readings, else the Japanese.
   */
  function dataText(value, withOriginal = false) {
    if (typeof value === "string") return japanese(value);
    if (settings.edition === "easy") return element("span", {}, rubyParts(value.easy));
    if (settings.edition === "en" && value.en) return withOriginal ? fill("with_original", { name: value.en, original: japanese(value.ja) }) : value.en;
    return japanese(value.ja);
  }

  /** An ISO date as the edition writes it, with its era (和暦) beside it. */
  function dateParts(iso) {
    const era = settings.eras.find(([start]) => start <= iso);
    if (!era) return [iso];
    const [year, month, day] = iso.split("-").map(Number);
    const eraYear = year - Number(era[0].slice(0, 4)) + 1;
    return fill("date", {
      iso, year, month, day,
      era: fill(`era_${era[1]}`),
      era_year: eraYear === 1 ? fill("era_first_year") : eraYear,
    });
  }

  const kindWord = (id) => `kind_${id.replaceAll("-", "_")}`;

  // --- geometry ---------------------------------------------------------------

  const radians = (degrees) => (degrees * Math.PI) / 180;
  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

  /** Great-circle distance in km (haversine). */
  function distanceKm(a, b) {
    const h =
      Math.sin(radians(b.lat - a.lat) / 2) ** 2 +
      Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(radians(b.lon - a.lon) / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Distance from the origin to the nearest point of a 1°×1° tile "LAT_LON". */
  function tileDistanceKm(origin, tile) {
    const [south, west] = tile.split("_").map(Number);
    const lon = clamp(origin.lon, west, west + 1);
    // Beside the tile, the nearest point of its edge meridian lies poleward of the
    // origin's latitude (tan φ = tan φ0 / cos Δλ), not level with it.
    const lat =
      lon === origin.lon
        ? origin.lat
        : (Math.atan(Math.tan(radians(origin.lat)) / Math.cos(radians(lon - origin.lon))) * 180) / Math.PI;
    return distanceKm(origin, { lat: clamp(lat, south, south + 1), lon });
  }

  /**
   * The k items nearest to the origin, from tiled shards in `folder`: tiles are fetched
   * nearest-first until the k-th item found is closer than the next unfetched tile.
   * `kind` names the shard's paths: paths[kind] (its index) and paths[`${kind}_tile`].
   */
  async function nearest(kind, origin, k, itemsOf) {
    const index = await requiredShard(paths[kind]);
    const tiles = index.tiles
      .map((tile) => ({ tile, distance: tileDistanceKm(origin, tile) }))
      .sort((a, b) => a.distance - b.distance);
    const found = [];
    for (const { tile, distance } of tiles) {
      if (found.length >= k && found[k - 1].distance <= distance) break;
      for (const item of itemsOf(await requiredShard(pathOf(paths[`${kind}_tile`], tile)))) {
        found.push({ ...item, distance: distanceKm(origin, item) });
      }
      found.sort((a, b) => a.distance - b.distance);
    }
    return found.slice(0, k);
  }

  /**
   * A tile's service points, worded (nodes made per lookup: each is drawn once). An integrated
   * counter the deck names no facility for is named after its place and offers the counter's
   * services; whom the deck names no operator for is run by the state (a Hello Work office)
   * or by its place with the state.
   */
  const servicePoints = (tile) =>
    tile.points.map(([name, kind, services, code, names, lat, lon, precision, page, operators, partners, city]) => {
      const municipality = fullName(code, names);
      const id = tile.kinds[kind];
      return {
        name: name ? dataText(name, true) : fill("counter_name", { name: nameOf(names) }),
        kind: id,
        services: name ? services.map((i) => dataText(tile.services[i])) : [fill("counter_service_national"), fill("counter_service_local")],
        code, municipality, lat, lon, precision, page,
        operators: operators.length ? operators.map((operator) => dataText(operator)) : id === "hello-work" ? [fill("operator_state_office")] : [municipality, fill("operator_state")],
        partners, city,
      };
    });

  /** Who may use a point: "municipality" (the place's own, its city's, or run with it),
   *  "prefecture" (run with the place's prefecture) or "nearby" (someone else's). */
  function relationOf(point, place) {
    const own = new Set([place.code, place.extras.parent].filter(Boolean));
    if (own.has(point.code) || point.city === place.code || point.partners.some((code) => own.has(code))) return "municipality";
    if (point.partners.includes(place.prefecture.code)) return "prefecture";
    return "nearby";
  }

  /** The prefecture's own integrated counter, shown at its office's municipality (the deck names no place). */
  function prefectureCounter(prefecture) {
    if (!prefecture.integrated || !prefecture.office) return null;
    const { lat, lon, municipality } = prefecture.office;
    return {
      name: fill("counter_name", { name: prefecture.name }), kind: COUNTER_KIND, services: [],
      code: prefecture.code, municipality, lat, lon, precision: "prefecture", page: prefecture.page,
      operators: [prefecture.name, fill("operator_state")], partners: [prefecture.code], city: "",
      note: fill("prefecture_counter_note"),
    };
  }

  /**
   * The place's service points in three groups, each nearest-first from the origin: every
   * point of the place and of its prefecture (the prefecture's shard names their tiles), and
   * others' points within NEARBY_KM.
   */
  async function groupedPoints(place, origin) {
    const index = await requiredShard(paths.points);
    const tiles = new Set(place.prefecture.tiles);
    for (const tile of index.tiles) if (tileDistanceKm(origin, tile) <= NEARBY_KM) tiles.add(tile);
    const loaded = await Promise.all([...tiles].map((tile) => requiredShard(pathOf(paths.points_tile, tile))));
    const points = [...loaded.flatMap(servicePoints), prefectureCounter(place.prefecture)].filter(Boolean);
    const groups = Object.fromEntries(RELATIONS.map((relation) => [relation, []]));
    for (const point of points) {
      const relation = relationOf(point, place);
      const distance = distanceKm(origin, point);
      if (relation === "nearby" && distance > NEARBY_KM) continue;
      groups[relation].push({ ...point, relation, distance });
    }
    for (const group of Object.values(groups)) group.sort((a, b) => a.distance - b.distance);
    groups.nearby = groups.nearby.slice(0, NEARBY_MAX);
    return groups;
  }

  const townHalls = (tile) => Object.entries(tile).map(([code, [lat, lon]]) => ({ code, lat, lon }));

  // --- postal codes -----------------------------------------------------------

  /** "〒２５２－１１９２" → "2521192", or a FinderError saying what is wrong. */
  function parseZip(raw) {
    // 〒, spaces, hyphens, dashes and the long-vowel mark (ー) people type for a hyphen
    const text = raw.normalize("NFKC").replace(/[\u3012\s\-‐‑‒–—―−\u30FC]/g, "");
    if (!text) throw new FinderError("zip", "zip_empty");
    if (!/^[0-9]+$/.test(text)) throw new FinderError("zip", "zip_not_digits");
    if (text.length !== 7) throw new FinderError("zip", "zip_length", { digits: text.length });
    return text;
  }

  /** The municipality code of a postal code, from "first-last" runs of last-four digits. */
  async function municipalityOfZip(zip) {
    const entries = await shard(pathOf(paths.postal, zip.slice(0, 3)));
    const wanted = Number(zip.slice(3));
    for (const [code, runs] of Object.entries(entries || {})) {
      for (const run of runs.split(" ")) {
        const [first, last = first] = run.split("-").map(Number);
        if (first <= wanted && wanted <= last) return code;
      }
    }
    throw new FinderError("zip", "zip_unknown");
  }

  // --- municipality names -------------------------------------------------------

  /**
   * A name query as the shards spell it: NFKC, a leading prefecture (or an English one after
   * a comma: Ayase-shi, Kanagawa) split off, kana in hiragana, romaji without diacritics and
   * with long vowels collapsed like generator.gazetteer.normalise_romaji (Ōsaka, oosaka → osaka).
   */
  function parseName(raw) {
    let text = raw.normalize("NFKC").replace(/\s+/g, "");
    let prefecture = PREFECTURES.findIndex((name) => text.startsWith(name));
    if (prefecture >= 0) text = text.slice(PREFECTURES[prefecture].length);
    const [, before, after] = prefecture < 0 ? text.match(/^(.*),([^,]+)$/) || [] : [];
    if (after) {
      prefecture = PREFECTURES_ENGLISH.findIndex((name) => romaji(name) === romaji(after));
      if (prefecture >= 0) text = before;
    }
    const prefectureCode = prefecture >= 0 ? String(prefecture + 1).padStart(2, "0") : null;
    if (/^[\p{Script=Latin}'’.\-]+$/u.test(text)) return { text: romaji(text), prefectureCode, script: "romaji" };
    if (/^[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+$/u.test(text)) {
      const katakana = /\p{Script=Katakana}/u.test(text);
      text = text.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
      return { text, prefectureCode, script: katakana ? "katakana" : "kana" };
    }
    return { text: foldSmallKe(text), prefectureCode, script: "kanji" };
  }

  /** Latin letters as the romaji of the shards: lower case, no diacritics, long vowels collapsed. */
  function romaji(text) {
    let letters = text.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
    for (const [long, short] of [["ou", "o"], ["oo", "o"], ["uu", "u"], ["ee", "e"], ["aa", "a"]]) {
      letters = letters.replaceAll(long, short);
    }
    return letters;
  }

  /** ヶ as ケ (霞ヶ関, 霞ケ浦: names spell it both ways). */
  const foldSmallKe = (text) => text.replaceAll("\u30F6", "\u30B1");

  /** generator.finder.name_bucket */
  function nameBucket(character) {
    let code = character.toLowerCase().codePointAt(0);
    if (code >= 0x30a1 && code <= 0x30f6) code -= 0x60;
    return String(code % NAME_BUCKETS).padStart(2, "0");
  }

  /**
   * A match as it can be searched again: "神奈川県綾瀬市"; a romaji entry (it has no kanji
   * name) "神奈川県 ayaseshi", or "Ayase-shi, Kanagawa" where the edition shows romaji.
   */
  function fullLabel(match) {
    const index = Number(match.code.slice(0, 2)) - 1;
    if (match.name) return PREFECTURES[index] + match.name;
    return settings.romaji ? `${match.english}, ${PREFECTURES_ENGLISH[index]}` : `${PREFECTURES[index]} ${match.key}`;
  }

  /** Municipalities whose name, kana or romaji starts with the query; exact ones first. */
  async function matchNames(query) {
    if (!query.text) return [];
    const entries = (await shard(pathOf(paths.names, nameBucket(String.fromCodePoint(query.text.codePointAt(0)))))) || [];
    const found = new Map(); // code → match (a name can be in a shard under two keys)
    for (const entry of entries) {
      const code = entry.slice(0, 6);
      // "<code><name>", "<code><name> <kana>", or "<code> <English>" whose romaji is the key
      const english = entry[6] === " " ? entry.slice(7) : "";
      const [name, key = name] = english ? ["", romaji(english)] : entry.slice(6).split(" ");
      const folded = foldSmallKe(key);
      if (!folded.startsWith(query.text) || (query.prefectureCode && !code.startsWith(query.prefectureCode))) continue;
      const exact = KIND_SUFFIXES.has(folded.slice(query.text.length));
      if (!found.has(code) || exact) found.set(code, { code, name, key, english, exact });
    }
    return [...found.values()].sort((a, b) => b.exact - a.exact || a.key.length - b.key.length || a.code.localeCompare(b.code));
  }

  /** One municipality code for a name, or the candidates when the name is ambiguous. */
  async function resolveName(raw) {
    const query = parseName(raw);
    if (!query.text) {
      throw new FinderError("name", query.prefectureCode ? "name_prefecture_only" : "name_empty");
    }
    const matches = await matchNames(query);
    if (!matches.length) {
      throw new FinderError("name", "name_unknown", { query: raw.trim() });
    }
    const exact = matches.filter((match) => match.exact);
    if (exact.length === 1) return { code: exact[0].code };
    if (matches.length === 1) return { code: matches[0].code };
    return { candidates: exact.length ? exact : matches };
  }

  const asKatakana = (text) => text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

  /** Fill the datalist while typing; a failure only means no suggestions. */
  async function suggest() {
    const typed = inputs.name.value;
    const query = parseName(typed);
    const matches = await matchNames(query).catch(() => []);
    if (inputs.name.value !== typed) return; // the citizen typed on meanwhile
    suggestions.replaceChildren(
      ...matches.slice(0, SUGGESTIONS).map((match) => {
        // Browsers filter options by value and label: a kana entry shows its reading as typed.
        const reading = match.name && match.key !== match.name ? match.key : "";
        return element("option", { value: fullLabel(match), label: query.script === "katakana" ? asKatakana(reading) : reading });
      }),
    );
  }

  // --- lookups --------------------------------------------------------------------

  /** The profile of a municipality with its prefecture (and its city when it is a ward). */
  async function profile(code) {
    const data = await shard(pathOf(paths.profiles, code.slice(0, 2)));
    const entry = data && data.municipalities[code];
    if (!entry) return null;
    const [name, english, lat, lon, extras = {}] = entry;
    const parent = extras.parent && data.municipalities[extras.parent];
    const { office } = data.prefecture;
    const names = (of) => [...data.municipalities[of].slice(0, 2), data.kana[of]];
    return {
      code, name: nameOf(names(code)), lat, lon, extras,
      full: fullName(code, names(code)),
      parent: parent && { name: nameOf(names(extras.parent)), extras: parent[4] || {} },
      prefecture: {
        ...data.prefecture,
        name: nameOf([data.prefecture.name, data.prefecture.english, data.prefecture.kana]),
        office: office && { lat: office[0], lon: office[1], municipality: fullName(office[2], names(office[2])) },
      },
    };
  }

  /** What a URL asks for: { place, points, ... } or { candidates }; or a FinderError. */
  async function lookup(params) {
    if (params.has("zip")) {
      const zip = parseZip(params.get("zip"));
      const place = await profile(await municipalityOfZip(zip));
      if (!place) throw new FinderError("zip", "zip_no_profile");
      return { place, zip, groups: await groupedPoints(place, place) };
    }
    if (params.has("q")) {
      const resolved = await resolveName(params.get("q"));
      if (resolved.candidates) return resolved;
      const place = await profile(resolved.code);
      if (!place) throw new FinderError("name", "name_no_profile");
      return { place, groups: await groupedPoints(place, place) };
    }
    const origin = { lat: Number(params.get("lat")), lon: Number(params.get("lon")) };
    if (!params.get("lat") || !params.get("lon") || !(Math.abs(origin.lat) <= 90) || !(Math.abs(origin.lon) <= 180)) {
      throw new FinderError("geo", "geo_invalid");
    }
    const [hall] = await nearest("places", origin, 1, townHalls);
    const place = await profile(hall.code);
    return { place, hallDistance: hall.distance, fromDevice: true, groups: await groupedPoints(place, origin) };
  }

  // --- rendering --------------------------------------------------------------------

  /** createElement with attributes and children (strings become text nodes; lists are flattened). */
  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== "") node.setAttribute(name, value);
    }
    node.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined));
    return node;
  }

  const link = (path, text) => element("a", { href: rootOf(path) + path }, text);

  /** "a、b、c" from nodes. */
  const joined = (nodes, separator = say("list_separator")) => nodes.flatMap((node, i) => (i ? [separator, node] : [node]));

  /** What one municipality or prefecture takes part in, as list items. */
  function programmeList(name, extras) {
    const items = [];
    if (extras.agreement) {
      const programme = element("a", { href: paths.agreement }, fill("agreement"));
      const when = extras.agreement === true ? fill("agreement_undated", { programme }) : fill("agreement_dated", { programme, date: dateParts(extras.agreement) });
      items.push(element("li", {}, when));
    }
    if (extras.integrated) {
      items.push(element("li", {}, fill("integrated_taking_part", { programme: element("a", { href: paths.integrated }, fill("integrated")) })));
    }
    // a point without a name is an integrated counter the deck names no facility for
    const pointLinks = (extras.points || []).map(([point, page]) => link(page, point ? dataText(point, true) : fill("counter_name", { name })));
    if (extras.points) items.push(element("li", {}, fill("programme_points", { points: joined(pointLinks) })));
    if (extras.cases) items.push(element("li", {}, fill("programme_cases", { cases: joined(extras.cases.map(([title, page]) => link(page, dataText(title)))) })));
    if (!items.length) items.push(element("li", {}, fill("programme_none")));
    if (extras.page) items.push(element("li", {}, link(extras.page, fill("place_page", { name }))));
    return element("ul", {}, ...items);
  }

  function placeCard(answer) {
    const { place } = answer;
    const card = element("section", { class: "epd-finder-card", "data-code": place.code, "aria-labelledby": "finder-place" });
    card.append(
      element("h2", { id: "finder-place" }, fill("your_place")),
      element(
        "p",
        { class: "epd-finder-place" },
        element("strong", {}, place.full),
        answer.zip ? fill("zip_shown", { first: answer.zip.slice(0, 3), last: answer.zip.slice(3) }) : null,
      ),
    );
    if (answer.fromDevice) {
      card.append(
        element("p", { class: "epd-note" }, fill("from_device", { km: answer.hallDistance.toFixed(1) })),
      );
    }
    card.append(element("h3", {}, fill("programmes_of", { name: place.name })), programmeList(place.name, place.extras));
    const takesPart = (extras) => extras.agreement || extras.integrated || extras.points || extras.cases;
    if (!takesPart(place.extras) && !(place.parent && takesPart(place.parent.extras)) && takesPart(place.prefecture)) {
      card.append(
        element(
          "p",
          { class: "epd-finder-plain", "data-no-programme": "true" },
          fill("prefecture_takes_part", { name: place.name, prefecture: place.prefecture.name }),
        ),
      );
    }
    if (place.parent) {
      card.append(element("h3", {}, fill("programmes_of_city", { name: place.parent.name })), programmeList(place.parent.name, place.parent.extras));
    }
    card.append(element("h3", {}, fill("programmes_of", { name: place.prefecture.name })), programmeList(place.prefecture.name, place.prefecture));
    return card;
  }

  function pointItem(point, place) {
    const km = point.distance.toFixed(1);
    const at = `${point.lat},${point.lon}`;
    const external = (href, text) => element("a", { href, rel: "noopener", target: "_blank", title: say("new_tab") }, text);
    const operators = joined(point.operators, say("operator_separator"));
    const elsewhere = point.code.slice(0, 2) !== place.code.slice(0, 2) ? prefectureName(point.code) : null;
    return element(
      "li",
      { "data-code": point.code, "data-distance-km": km, "data-relation": point.relation, "data-other-prefecture": elsewhere && plainText(elsewhere) },
      element("h4", {}, link(point.page, point.name)),
      element("p", {}, fill("point_line", { kind: fill(kindWord(point.kind)), municipality: point.municipality, km })),
      elsewhere ? element("p", { class: "epd-finder-border" }, fill("other_prefecture", { prefecture: elsewhere, home: place.prefecture.name })) : null,
      point.relation === "nearby"
        ? element("p", { class: "epd-finder-operator" }, fill("operators_nearby", { operators }))
        : element("p", {}, fill("operators", { operators })),
      element("p", { class: "epd-note" }, fill(`precision_${point.precision}`), point.note ? [" ", point.note] : null),
      point.services.length ? element("ul", {}, ...point.services.map((service) => element("li", {}, service))) : null,
      element(
        "p",
        { class: "epd-finder-routes" },
        ...fill("routes", {
          links: joined([
            external(`https://maps.gsi.go.jp/#15/${point.lat}/${point.lon}/`, fill("route_gsi")),
            external(`https://www.google.com/maps/dir/?api=1&destination=${at}`, fill("route_google")),
            external(`https://www.openstreetmap.org/directions?to=${at}`, fill("route_osm")),
          ]),
        }),
      ),
    );
  }

  /** The three groups of service points, each with a heading, and a plain sentence when empty. */
  function pointList(answer) {
    const { place, groups } = answer;
    const origin = answer.fromDevice ? fill("origin_device") : fill("origin_town_hall", { place: place.full });
    const values = {
      own: place.parent ? fill("own_with_city", { name: place.name, city: place.parent.name }) : place.name,
      prefecture: place.prefecture.name,
      km: NEARBY_KM,
      origin,
    };
    const section = element(
      "section",
      { class: "epd-finder-nearest", "aria-labelledby": "finder-nearest" },
      element("h2", { id: "finder-nearest" }, fill("points_heading")),
      element("p", {}, fill("distance_from", { origin })),
    );
    for (const relation of RELATIONS) {
      section.append(element("h3", { "data-group": relation }, fill(`group_${relation}`, values)));
      if (relation === "nearby" && groups.nearby.length) section.append(element("p", {}, fill("group_nearby_note")));
      section.append(
        groups[relation].length
          ? element("ol", { class: "epd-finder-points", "data-group": relation }, ...groups[relation].map((point) => pointItem(point, place)))
          : element("p", { class: "epd-finder-none", "data-group": relation }, fill(`group_${relation}_none`, values)),
      );
    }
    return section;
  }

  /** The next step for everyone: the ministry's office list and job search, and the offices the deck names. */
  function nextSteps(place) {
    const offices = [...(place.extras.offices || []), ...((place.parent && place.parent.extras.offices) || [])];
    const named = nextStepsSection.querySelector("#finder-named-offices"); // detached between lookups
    named.replaceChildren();
    named.hidden = !offices.length;
    if (offices.length) {
      named.append(...fill("named_offices", { name: place.name, offices: joined(offices.map(([name, page]) => link(page, dataText(name, true)))) }));
    }
    nextStepsSection.hidden = false;
    return nextStepsSection;
  }

  function candidateList(candidates) {
    return element(
      "section",
      { class: "epd-finder-card" },
      element("h2", {}, fill("candidates_title")),
      element("p", {}, fill("candidates_prompt")),
      element(
        "ul",
        {},
        ...candidates.map((match) => {
          const full = fullLabel(match);
          return element("li", {}, element("a", { href: `?q=${encodeURIComponent(full)}`, "data-query": full }, full));
        }),
      ),
    );
  }

  // --- state: URL → results -------------------------------------------------------------

  let latest = 0; // only the newest lookup may draw
  let shownUrl = location.href; // the URL of the query the results show

  function clearErrors() {
    for (const [field, node] of Object.entries(errors)) {
      node.hidden = true;
      node.textContent = "";
      inputs[field]?.removeAttribute("aria-invalid");
    }
  }

  /** `message`: the nodes of a catalogue entry (FinderError.parts, fill()). */
  function showError(field, message, focus) {
    errors[field].replaceChildren(...message);
    errors[field].hidden = false;
    if (inputs[field]) {
      inputs[field].setAttribute("aria-invalid", "true");
      if (focus) inputs[field].focus();
    }
  }

  const fieldOf = (params) => (params.has("zip") ? "zip" : params.has("q") ? "name" : "geo");

  /** Show what the URL's query asks for (nothing when it asks for nothing). */
  async function show(params, focusOnError = false) {
    const ticket = ++latest;
    shownUrl = location.pathname + (params.toString() ? `?${params}` : "");
    clearErrors();
    inputs.zip.value = params.get("zip") || "";
    inputs.name.value = params.get("q") || "";
    if (!["zip", "q", "lat"].some((key) => params.has(key))) {
      results.replaceChildren();
      return;
    }
    results.setAttribute("aria-busy", "true");
    results.replaceChildren(element("p", { class: "epd-finder-status" }, fill("searching")));
    try {
      const answer = await lookup(params);
      if (ticket !== latest) return;
      const parts = answer.candidates ? [candidateList(answer.candidates)] : [placeCard(answer), pointList(answer), nextSteps(answer.place)];
      results.replaceChildren(...parts.filter(Boolean));
      performance.mark("finder-answer"); // tests compare this with the shards' arrival
    } catch (error) {
      if (ticket !== latest) return;
      if (!(error instanceof FinderError)) console.warn("finder:", error);
      results.replaceChildren();
      showError(error.field || fieldOf(params), error instanceof FinderError ? error.parts : fill("load_failed"), focusOnError);
    } finally {
      if (ticket === latest) results.setAttribute("aria-busy", "false");
    }
  }

  /** A new query from the citizen: a history entry, then its results. */
  function go(query) {
    const params = new URLSearchParams(query);
    if (`?${params}` !== location.search) history.pushState(null, "", `?${params}`);
    return show(params, true);
  }

  document.getElementById("finder-zip").addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    try {
      go({ zip: parseZip(inputs.zip.value) });
    } catch (error) {
      showError("zip", error.parts, true);
    }
  });

  document.getElementById("finder-name").addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const value = inputs.name.value.trim();
    if (value) go({ q: value });
    else showError("name", fill("name_empty"), true);
  });

  inputs.name.addEventListener("input", suggest);

  const GEO_MESSAGES = { 1: "geo_denied", 2: "geo_unavailable", 3: "geo_timeout" }; // GeolocationPositionError codes

  // The position is asked for only here, after the button is pressed.
  document.getElementById("geo-button").addEventListener("click", () => {
    clearErrors();
    if (!navigator.geolocation) {
      showError("geo", fill("geo_unsupported"));
      return;
    }
    results.replaceChildren(element("p", { class: "epd-finder-status" }, fill("locating")));
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => go({ lat: coords.latitude.toFixed(4), lon: coords.longitude.toFixed(4) }),
      (failure) => {
        results.replaceChildren();
        showError("geo", fill(GEO_MESSAGES[failure.code] || GEO_MESSAGES[2]));
      },
      { timeout: 20000, maximumAge: 60000 },
    );
  });

  // Candidate links stay on the page (a new tab still works through their href).
  results.addEventListener("click", (event) => {
    const candidate = event.target.closest("a[data-query]");
    if (!candidate || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    go({ q: candidate.dataset.query });
  });

  const initial = new URLSearchParams(location.search);

  window.addEventListener("popstate", () => show(new URLSearchParams(location.search)));
  show(initial);
})();
