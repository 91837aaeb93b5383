/* cleaner._lexcore: the word lexicon and its segmentation, compiled.
 *
 * A narrow interface: a Lexicon is built once from a dict (word -> int
 * frequency); its methods take strings and return numbers or spans. Every
 * method has a pure-Python twin in cleaner/kernels.py, the reference that
 * tests/test_kernels.py compares with this one exactly (same floating-point
 * operations in the same order, so the results are equal bit for bit).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "han_ranges.h"

#define MAX_WORD 8       /* longest word considered when segmenting (lang.MAX_WORD) */
#define SIDE 6           /* Han characters taken on each side of a break (lang.SIDE) */
#define MAX_FREQ 9007199254740992LL  /* 2**53: frequencies must be exact as doubles */
#define EMPTY_CP 0xFFFFFFFFu

typedef struct {
    uint32_t off;        /* first code point in chars */
    uint32_t len;        /* number of code points */
    int64_t freq;
    double logf;         /* log(freq), or 0 when freq is 0 */
} Entry;

typedef struct {
    PyObject_HEAD
    Entry *entries;
    Py_ssize_t n_entries;
    int32_t *slots;      /* open addressing: entry index, or -1 */
    uint64_t mask;
    Py_UCS4 *chars;
    Py_ssize_t max_len;
    /* first characters: code point -> summed frequency of the longer words it starts */
    uint32_t *first_cp;
    int64_t *first_mass;
    uint64_t first_mask;
} Lexicon;

static double LOG_UNKNOWN;  /* log(0.5), as math.log(0.5) */

static inline uint64_t mix(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

#define HASH_SEED 1469598103934665603ULL
#define HASH_STEP(h, c) (((h) ^ (uint64_t)(c)) * 1099511628211ULL)

static uint64_t hash_cps(const Py_UCS4 *s, Py_ssize_t n) {
    uint64_t h = HASH_SEED;
    for (Py_ssize_t i = 0; i < n; i++) h = HASH_STEP(h, s[i]);
    return mix(h);
}

static int is_han(Py_UCS4 c) {
    if (c >= 0x4E00 && c <= 0x9FFF) return 1;
    Py_ssize_t lo = 0, hi = (Py_ssize_t)(sizeof(HAN_RANGES) / sizeof(HAN_RANGES[0])) - 1;
    while (lo <= hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (c < HAN_RANGES[mid][0]) hi = mid - 1;
        else if (c > HAN_RANGES[mid][1]) lo = mid + 1;
        else return 1;
    }
    return 0;
}

/* The entry for s[0:n] with its hash already computed, or NULL. */
static const Entry *find_h(const Lexicon *lx, const Py_UCS4 *s, Py_ssize_t n, uint64_t h) {
    if (n <= 0 || n > lx->max_len) return NULL;
    for (uint64_t i = h & lx->mask;; i = (i + 1) & lx->mask) {
        int32_t k = lx->slots[i];
        if (k < 0) return NULL;
        const Entry *e = &lx->entries[k];
        if (e->len == (uint32_t)n && memcmp(lx->chars + e->off, s, (size_t)n * sizeof(Py_UCS4)) == 0)
            return e;
    }
}

static const Entry *find(const Lexicon *lx, const Py_UCS4 *s, Py_ssize_t n) {
    if (n <= 0 || n > lx->max_len) return NULL;
    return find_h(lx, s, n, hash_cps(s, n));
}

static int64_t *first_slot(const Lexicon *lx, Py_UCS4 c, int insert) {
    for (uint64_t i = mix(c) & lx->first_mask;; i = (i + 1) & lx->first_mask) {
        if (lx->first_cp[i] == c) return &lx->first_mass[i];
        if (lx->first_cp[i] == EMPTY_CP) {
            if (!insert) return NULL;
            lx->first_cp[i] = c;
            return &lx->first_mass[i];
        }
    }
}

/* ---- building ---------------------------------------------------------- */

static uint64_t table_size(Py_ssize_t n) {
    uint64_t size = 16;
    while (size < (uint64_t)n * 2 + 1) size <<= 1;
    return size;
}

static int check_freq(PyObject *key, PyObject *value, int64_t *out) {
    if (!PyLong_CheckExact(value)) {
        PyErr_Format(PyExc_TypeError, "frequency of %R is not an int", key);
        return -1;
    }
    int overflow = 0;
    long long f = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || f < 0 || f > MAX_FREQ) {
        PyErr_Format(PyExc_ValueError, "frequency of %R is outside 0..2**53", key);
        return -1;
    }
    *out = (int64_t)f;
    return 0;
}

/* Copy every key into chars and entries; sizes were counted beforehand. */
static int fill(Lexicon *lx, PyObject *words) {
    PyObject *key, *value;
    Py_ssize_t pos = 0, off = 0, k = 0;
    while (PyDict_Next(words, &pos, &key, &value)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        int64_t freq;
        if (check_freq(key, value, &freq) < 0) return -1;
        if (!PyUnicode_AsUCS4(key, lx->chars + off, n, 0)) return -1;
        Entry *e = &lx->entries[k];
        e->off = (uint32_t)off; e->len = (uint32_t)n; e->freq = freq;
        e->logf = freq > 0 ? log((double)freq) : 0.0;
        uint64_t i = hash_cps(lx->chars + off, n) & lx->mask;
        while (lx->slots[i] >= 0) i = (i + 1) & lx->mask;
        lx->slots[i] = (int32_t)k;
        if (n > 1) *first_slot(lx, lx->chars[off], 1) += freq;
        else first_slot(lx, lx->chars[off], 1);
        if (n > lx->max_len) lx->max_len = n;
        off += n; k++;
    }
    lx->n_entries = k;
    return 0;
}

static int Lexicon_init(Lexicon *lx, PyObject *args, PyObject *kwds) {
    PyObject *words;
    static char *kwlist[] = {"words", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!", kwlist, &PyDict_Type, &words)) return -1;
    if (lx->entries) { PyErr_SetString(PyExc_RuntimeError, "Lexicon is already built"); return -1; }
    Py_ssize_t count = 0, total = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(words, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0) {
            PyErr_Format(PyExc_TypeError, "lexicon keys must be non-empty str, not %R", key);
            return -1;
        }
        count++;
        total += PyUnicode_GET_LENGTH(key);
    }
    if (count >= INT32_MAX / 2 || total >= UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "lexicon too large");
        return -1;
    }
    lx->mask = table_size(count) - 1;
    lx->first_mask = table_size(count < 65536 ? count : 65536) - 1;
    lx->entries = PyMem_Malloc(sizeof(Entry) * (size_t)(count ? count : 1));
    lx->chars = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(total ? total : 1));
    lx->slots = PyMem_Malloc(sizeof(int32_t) * (size_t)(lx->mask + 1));
    lx->first_cp = PyMem_Malloc(sizeof(uint32_t) * (size_t)(lx->first_mask + 1));
    lx->first_mass = PyMem_Calloc((size_t)(lx->first_mask + 1), sizeof(int64_t));
    if (!lx->entries || !lx->chars || !lx->slots || !lx->first_cp || !lx->first_mass) {
        PyErr_NoMemory();
        return -1;
    }
    memset(lx->slots, 0xFF, sizeof(int32_t) * (size_t)(lx->mask + 1));
    memset(lx->first_cp, 0xFF, sizeof(uint32_t) * (size_t)(lx->first_mask + 1));
    return fill(lx, words);
}

static void Lexicon_dealloc(Lexicon *lx) {
    PyMem_Free(lx->entries); PyMem_Free(lx->chars); PyMem_Free(lx->slots);
    PyMem_Free(lx->first_cp); PyMem_Free(lx->first_mass);
    Py_TYPE(lx)->tp_free((PyObject *)lx);
}

/* ---- strings in --------------------------------------------------------- */

typedef struct {
    Py_UCS4 local[128];
    Py_UCS4 *cps;
    Py_ssize_t n;
} Buffer;

static int load(Buffer *b, PyObject *text) {
    b->n = PyUnicode_GET_LENGTH(text);
    b->cps = b->n <= 128 ? b->local : PyMem_Malloc(sizeof(Py_UCS4) * (size_t)b->n);
    if (!b->cps) { PyErr_NoMemory(); return -1; }
    if (b->n && !PyUnicode_AsUCS4(text, b->cps, b->n, 0)) return -1;
    return 0;
}

static void release(Buffer *b) {
    if (b->cps != b->local) PyMem_Free(b->cps);
}

/* The last Han characters (at most SIDE) of text, as lang's \p{Han}{1,6}$ finds them:
 * `$` also matches before a final newline. */
static Py_ssize_t han_tail(PyObject *text, Py_UCS4 *out) {
    Py_ssize_t end = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (end > 0 && PyUnicode_READ(kind, data, end - 1) == '\n') end--;
    Py_ssize_t k = 0;
    while (k < SIDE && end - k - 1 >= 0 && is_han(PyUnicode_READ(kind, data, end - k - 1))) k++;
    for (Py_ssize_t i = 0; i < k; i++) out[i] = PyUnicode_READ(kind, data, end - k + i);
    return k;
}

/* The first Han characters (at most SIDE) of text, as ^\p{Han}{1,6} finds them. */
static Py_ssize_t han_head(PyObject *text, Py_UCS4 *out) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t k = 0;
    while (k < SIDE && k < n && is_han(PyUnicode_READ(kind, data, k))) {
        out[k] = PyUnicode_READ(kind, data, k);
        k++;
    }
    return k;
}

/* ---- segmentation -------------------------------------------------------- */

/* lp[i * MAX_WORD + (len - 1)]: log probability of s[i:i+len] as one word, or NAN. */
static void piece_table(const Lexicon *lx, const Py_UCS4 *s, Py_ssize_t n, double log_total, double *lp) {
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t h = HASH_SEED;
        for (Py_ssize_t len = 1; len <= MAX_WORD; len++) {
            double v = NAN;
            if (i + len <= n) {
                h = HASH_STEP(h, s[i + len - 1]);
                const Entry *e = len <= lx->max_len ? find_h(lx, s + i, len, mix(h)) : NULL;
                if (e && e->freq) v = e->logf - log_total;
                else if (len == 1) v = LOG_UNKNOWN - log_total;
            }
            lp[i * MAX_WORD + len - 1] = v;
        }
    }
}

static double best_of(const Lexicon *lx, const Py_UCS4 *s, Py_ssize_t n, double log_total,
                      int has_cut, Py_ssize_t cut, double *work) {
    double *lp = work, *best = work + n * MAX_WORD;
    piece_table(lx, s, n, log_total, lp);
    best[0] = 0.0;
    for (Py_ssize_t i = 1; i <= n; i++) {
        best[i] = -INFINITY;
        for (Py_ssize_t j = i - MAX_WORD > 0 ? i - MAX_WORD : 0; j < i; j++) {
            if (has_cut && j < cut && cut < i) continue;
            double v = lp[j * MAX_WORD + (i - j) - 1];
            if (!isnan(v) && best[j] + v > best[i]) best[i] = best[j] + v;
        }
    }
    return best[n];
}

static double *work_for(Py_ssize_t n, double *local, Py_ssize_t local_n) {
    Py_ssize_t need = n * (MAX_WORD + 1) + 1;
    if (need <= local_n) return local;
    double *w = PyMem_Malloc(sizeof(double) * (size_t)need);
    if (!w) PyErr_NoMemory();
    return w;
}

static PyObject *Lexicon_best_logp(Lexicon *lx, PyObject *args) {
    PyObject *text, *cut_obj = Py_None;
    double log_total;
    if (!PyArg_ParseTuple(args, "Ud|O", &text, &log_total, &cut_obj)) return NULL;
    int has_cut = 0;
    Py_ssize_t cut = 0;
    if (cut_obj != Py_None) {
        if (!PyLong_Check(cut_obj)) { PyErr_SetString(PyExc_TypeError, "cut must be an int or None"); return NULL; }
        int overflow = 0;
        long long c = PyLong_AsLongLongAndOverflow(cut_obj, &overflow);
        if (c == -1 && PyErr_Occurred()) return NULL;
        has_cut = !overflow;  /* a cut beyond any position forbids nothing */
        cut = overflow ? 0 : (Py_ssize_t)(c < -1 ? -1 : (c > PY_SSIZE_T_MAX / 2 ? PY_SSIZE_T_MAX / 2 : c));
    }
    Buffer b;
    if (load(&b, text) < 0) { release(&b); return NULL; }
    double local[1200];
    double *work = work_for(b.n, local, 1200);
    if (!work) { release(&b); return NULL; }
    double r = best_of(lx, b.cps, b.n, log_total, has_cut, cut, work);
    if (work != local) PyMem_Free(work);
    release(&b);
    return PyFloat_FromDouble(r);
}

static PyObject *Lexicon_junction(Lexicon *lx, PyObject *args) {
    PyObject *left, *right;
    double log_total;
    if (!PyArg_ParseTuple(args, "UUd", &left, &right, &log_total)) return NULL;
    Py_UCS4 w[2 * SIDE];
    Py_ssize_t cut = han_tail(left, w);
    if (cut == 0) Py_RETURN_NONE;
    Py_ssize_t h = han_head(right, w + cut);
    if (h == 0) Py_RETURN_NONE;
    Py_ssize_t n = cut + h;
    int spans = 0;
    for (Py_ssize_t i = cut - MAX_WORD + 1 > 0 ? cut - MAX_WORD + 1 : 0; i < cut && !spans; i++)
        for (Py_ssize_t j = cut + 1; j <= (n < i + MAX_WORD ? n : i + MAX_WORD) && !spans; j++)
            spans = find(lx, w + i, j - i) != NULL;
    if (!spans) Py_RETURN_NONE;
    double work[2 * SIDE * (MAX_WORD + 1) + 1];
    double whole = best_of(lx, w, n, log_total, 0, 0, work);
    double split = best_of(lx, w, n, log_total, 1, cut, work);
    return PyFloat_FromDouble(whole - split);
}

static PyObject *Lexicon_first_word(Lexicon *lx, PyObject *args) {
    PyObject *text;
    double log_total;
    if (!PyArg_ParseTuple(args, "Ud", &text, &log_total)) return NULL;
    Py_UCS4 s[SIDE];
    Py_ssize_t n = han_head(text, s);
    if (n == 0) return PyLong_FromLong(0);
    double lp[SIDE * MAX_WORD], best[SIDE + 1];
    Py_ssize_t nxt[SIDE + 1];
    piece_table(lx, s, n, log_total, lp);
    for (Py_ssize_t i = 0; i <= n; i++) { best[i] = i == n ? 0.0 : -INFINITY; nxt[i] = n; }
    for (Py_ssize_t i = n - 1; i >= 0; i--)
        for (Py_ssize_t j = i + 1; j <= (n < i + MAX_WORD ? n : i + MAX_WORD); j++) {
            double v = lp[i * MAX_WORD + (j - i) - 1];
            if (!isnan(v) && v + best[j] > best[i]) { best[i] = v + best[j]; nxt[i] = j; }
        }
    return PyLong_FromSsize_t(nxt[0]);
}

static PyObject *Lexicon_ends_inside_word(Lexicon *lx, PyObject *text) {
    if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "text must be str"); return NULL; }
    Py_UCS4 s[SIDE];
    Py_ssize_t n = han_tail(text, s);
    if (n == 0) Py_RETURN_FALSE;
    for (Py_ssize_t k = 2; k <= (n < 5 ? n : 5); k++)
        if (find(lx, s + n - k, k)) Py_RETURN_FALSE;
    const Entry *e = find(lx, s + n - 1, 1);
    int64_t single = e ? e->freq : 0;
    int64_t *mass = first_slot(lx, s[n - 1], 0);
    return PyBool_FromLong((double)single < 0.4 * (double)(mass ? *mass : 0));
}

static PyObject *Lexicon_spans(Lexicon *lx, PyObject *text) {
    if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "text must be str"); return NULL; }
    Buffer b;
    if (load(&b, text) < 0) { release(&b); return NULL; }
    uint64_t *hashes = PyMem_Malloc(sizeof(uint64_t) * (size_t)(lx->max_len + 1));
    PyObject *out = hashes ? PyList_New(0) : PyErr_NoMemory();
    for (Py_ssize_t i = 0; out && i < b.n; i++) {
        if (!first_slot(lx, b.cps[i], 0)) continue;
        Py_ssize_t top = b.n - i < lx->max_len ? b.n - i : lx->max_len;
        uint64_t h = HASH_SEED;
        for (Py_ssize_t len = 1; len <= top; len++) { h = HASH_STEP(h, b.cps[i + len - 1]); hashes[len - 1] = mix(h); }
        for (Py_ssize_t len = top; len >= 1; len--) {
            if (!find_h(lx, b.cps + i, len, hashes[len - 1])) continue;
            PyObject *span = Py_BuildValue("(nn)", i, i + len);
            if (!span || PyList_Append(out, span) < 0) { Py_XDECREF(span); Py_CLEAR(out); break; }
            Py_DECREF(span);
        }
    }
    PyMem_Free(hashes);
    release(&b);
    return out;
}

/* uncovered(text, min_len, max_len, min_freq, max_single): one byte per position of text, 1
 * where a Han character is covered by no key of min_len..max_len Han characters with a
 * frequency of min_freq or more and is less frequent than max_single as a key of its own,
 * else 0 (0 for every character that is not Han). Shorter keys are looked up first, and a
 * longer one only where it could still cover something: most positions cost one probe. */
static PyObject *Lexicon_uncovered(Lexicon *lx, PyObject *args) {
    PyObject *text;
    Py_ssize_t min_len, max_len;
    long long min_freq, max_single;
    if (!PyArg_ParseTuple(args, "UnnLL", &text, &min_len, &max_len, &min_freq, &max_single)) return NULL;
    Buffer b;
    if (load(&b, text) < 0) { release(&b); return NULL; }
    PyObject *out = PyBytes_FromStringAndSize(NULL, b.n);
    if (!out) { release(&b); return NULL; }
    char *flags = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < b.n; i++) flags[i] = (char)is_han(b.cps[i]);
    if (max_len > lx->max_len) max_len = lx->max_len;
    if (min_len < 1) min_len = 1;
    for (Py_ssize_t len = min_len; len <= max_len; len++) {
        for (Py_ssize_t i = 0; i + len <= b.n; i++) {
            int open = 0, han = 1;
            for (Py_ssize_t k = i; k < i + len; k++) {
                if (flags[k] == 1) open = 1;
                else if (flags[k] == 0 && !is_han(b.cps[k])) { han = 0; break; }
            }
            if (!open || !han) continue;   /* nothing left to cover here, or not one Han run */
            const Entry *e = find_h(lx, b.cps + i, len, hash_cps(b.cps + i, len));
            if (e && e->freq >= min_freq) memset(flags + i, 2, (size_t)len);
        }
    }
    for (Py_ssize_t i = 0; i < b.n; i++) {
        if (flags[i] == 1) {
            const Entry *e = find_h(lx, b.cps + i, 1, hash_cps(b.cps + i, 1));
            flags[i] = (char)!(e && e->freq >= max_single);
        } else flags[i] = 0;
    }
    release(&b);
    return out;
}

static PyObject *Lexicon_len(Lexicon *lx, PyObject *Py_UNUSED(ignored)) {
    return PyLong_FromSsize_t(lx->n_entries);
}

static PyMethodDef Lexicon_methods[] = {
    {"best_logp", (PyCFunction)Lexicon_best_logp, METH_VARARGS,
     "best_logp(chars, log_total, cut=None) -> float: best unigram segmentation log probability."},
    {"junction", (PyCFunction)Lexicon_junction, METH_VARARGS,
     "junction(left, right, log_total) -> float | None: raw gain of a word across the break."},
    {"first_word", (PyCFunction)Lexicon_first_word, METH_VARARGS,
     "first_word(text, log_total) -> int: length of the first word of the leading Han run."},
    {"ends_inside_word", (PyCFunction)Lexicon_ends_inside_word, METH_O,
     "ends_inside_word(text) -> bool: the text seems cut inside a word."},
    {"spans", (PyCFunction)Lexicon_spans, METH_O,
     "spans(text) -> list[(start, end)]: every span that is a key, by start, longest first."},
    {"uncovered", (PyCFunction)Lexicon_uncovered, METH_VARARGS,
     "uncovered(text, min_len, max_len, min_freq, max_single) -> bytes: 1 where no such key covers a rare Han character."},
    {"size", (PyCFunction)Lexicon_len, METH_NOARGS, "size() -> int: number of words."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject LexiconType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cleaner._lexcore.Lexicon",
    .tp_basicsize = sizeof(Lexicon),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Lexicon(words: dict[str, int]): a word lexicon built once, segmented in C.",
    .tp_methods = Lexicon_methods,
    .tp_init = (initproc)Lexicon_init,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)Lexicon_dealloc,
};

/* ---- the shingle index of dedup ------------------------------------------- */

/* ShingleTable(): dedup's shingle postings (cleaner/passes/dedup_index.py holds the
 * reference, ShingleIndex, which tests/test_kernels.py compares with this one). A shingle
 * is a byte string of at most 24 bytes (six code points as UTF-32), kept exactly, so two
 * shingles are one only when their bytes are. Each has a list of the paragraphs that hold
 * it, in an arena of linked nodes; past POSTING_CAP paragraphs it is stopped and says
 * nothing more. On 45,341 paragraphs of a 16 MB document: 14.7 MB, where the dict of byte
 * strings and lists took 26.6 MB and its byte strings some 9 more. */

#define SHINGLE_BYTES 24
#define POSTING_CAP 24   /* dedup_index._POSTING_CAP */

typedef struct {
    uint8_t key[SHINGLE_BYTES];
    uint8_t len;
    uint8_t stopped;
    int32_t count;       /* postings held */
    int32_t head;        /* newest node in the arena, or -1 */
} Shingle;

typedef struct {
    int32_t idx;
    int32_t next;
} Posting;

typedef struct {
    PyObject_HEAD
    Shingle *items;
    Py_ssize_t n_items, cap_items;
    int32_t *slots;      /* open addressing: item index, or -1 */
    uint64_t mask;
    Posting *nodes;
    Py_ssize_t n_nodes, cap_nodes;
} ShingleTable;

static uint64_t fnv1a(const uint8_t *p, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ULL; }
    return h;
}

static int grow(void **buf, Py_ssize_t *cap, Py_ssize_t need, size_t size) {
    if (need <= *cap) return 0;
    Py_ssize_t cap2 = *cap ? *cap + *cap / 2 : 1024;
    if (cap2 < need) cap2 = need;
    if (cap2 > INT32_MAX) { PyErr_SetString(PyExc_OverflowError, "shingle table too large"); return -1; }
    void *p = PyMem_Realloc(*buf, size * (size_t)cap2);
    if (!p) { PyErr_NoMemory(); return -1; }
    *buf = p;
    *cap = cap2;
    return 0;
}

static int rehash(ShingleTable *t, uint64_t slots) {
    int32_t *s = PyMem_Malloc(sizeof(int32_t) * (size_t)slots);
    if (!s) { PyErr_NoMemory(); return -1; }
    memset(s, 0xFF, sizeof(int32_t) * (size_t)slots);
    for (Py_ssize_t i = 0; i < t->n_items; i++) {
        uint64_t k = fnv1a(t->items[i].key, t->items[i].len) & (slots - 1);
        while (s[k] >= 0) k = (k + 1) & (slots - 1);
        s[k] = (int32_t)i;
    }
    PyMem_Free(t->slots);
    t->slots = s;
    t->mask = slots - 1;
    return 0;
}

/* The item of shingle ``key``; with ``insert``, made when absent (-1: absent, -2: error). */
static Py_ssize_t find_shingle(ShingleTable *t, PyObject *key, int insert) {
    char *p;
    Py_ssize_t n;
    if (!t->slots) { PyErr_SetString(PyExc_TypeError, "ShingleTable is not initialised"); return -2; }
    if (PyBytes_AsStringAndSize(key, &p, &n) < 0) return -2;
    if (n > SHINGLE_BYTES) { PyErr_SetString(PyExc_ValueError, "a shingle is at most 24 bytes"); return -2; }
    uint64_t k = fnv1a((const uint8_t *)p, n) & t->mask;
    for (;;) {
        int32_t i = t->slots[k];
        if (i < 0) break;
        Shingle *s = &t->items[i];
        if (s->len == n && memcmp(s->key, p, (size_t)n) == 0) return i;
        k = (k + 1) & t->mask;
    }
    if (!insert) return -1;
    if (grow((void **)&t->items, &t->cap_items, t->n_items + 1, sizeof(Shingle)) < 0) return -2;
    Py_ssize_t i = t->n_items++;
    Shingle *s = &t->items[i];
    memset(s, 0, sizeof(Shingle));
    memcpy(s->key, p, (size_t)n);
    s->len = (uint8_t)n;
    s->head = -1;
    t->slots[k] = (int32_t)i;
    if ((uint64_t)t->n_items * 3 > (t->mask + 1) * 2 && rehash(t, (t->mask + 1) * 2) < 0) return -2;
    return i;
}

static int ShingleTable_init(ShingleTable *t, PyObject *args, PyObject *kwds) {
    if (!PyArg_ParseTuple(args, ":ShingleTable")) return -1;
    if (t->slots) { PyErr_SetString(PyExc_TypeError, "ShingleTable is already initialised"); return -1; }
    return rehash(t, 1024);
}

static void ShingleTable_dealloc(ShingleTable *t) {
    PyMem_Free(t->items); PyMem_Free(t->slots); PyMem_Free(t->nodes);
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static PyObject *ShingleTable_add(ShingleTable *t, PyObject *args) {
    Py_ssize_t idx;
    PyObject *shingles;
    if (!PyArg_ParseTuple(args, "nO", &idx, &shingles)) return NULL;
    if (idx < 0 || idx > INT32_MAX) { PyErr_SetString(PyExc_ValueError, "paragraph number out of range"); return NULL; }
    PyObject *it = PyObject_GetIter(shingles), *key;
    if (!it) return NULL;
    while ((key = PyIter_Next(it))) {
        Py_ssize_t i = find_shingle(t, key, 1);
        Py_DECREF(key);
        if (i < 0) { Py_DECREF(it); return NULL; }
        Shingle *s = &t->items[i];
        if (s->stopped) continue;
        if (s->count >= POSTING_CAP) {  /* one more than the cap: it says nothing any more */
            s->stopped = 1;
            s->count = 0;
            s->head = -1;
            continue;
        }
        if (grow((void **)&t->nodes, &t->cap_nodes, t->n_nodes + 1, sizeof(Posting)) < 0) { Py_DECREF(it); return NULL; }
        s = &t->items[i];
        t->nodes[t->n_nodes].idx = (int32_t)idx;
        t->nodes[t->n_nodes].next = s->head;
        s->head = (int32_t)t->n_nodes++;
        s->count++;
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

static int by_value(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

typedef struct { int32_t count, idx; } Tally;

static int by_tally(const void *a, const void *b) {
    const Tally *x = a, *y = b;
    if (x->count != y->count) return (x->count < y->count) - (x->count > y->count);
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static PyObject *ShingleTable_candidates(ShingleTable *t, PyObject *args) {
    PyObject *shingles;
    Py_ssize_t limit = 8;
    if (!PyArg_ParseTuple(args, "O|n", &shingles, &limit)) return NULL;
    PyObject *seq = PySequence_Fast(shingles, "shingles must be iterable");
    if (!seq) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), got = 0;
    int32_t *found = PyMem_Malloc(sizeof(int32_t) * (size_t)(n * POSTING_CAP + 1));
    Tally *tally = PyMem_Malloc(sizeof(Tally) * (size_t)(n * POSTING_CAP + 1));
    PyObject *out = NULL;
    if (!found || !tally) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = find_shingle(t, PySequence_Fast_GET_ITEM(seq, k), 0);
        if (i == -2) goto done;
        if (i < 0) continue;
        for (int32_t node = t->items[i].head; node >= 0; node = t->nodes[node].next)
            found[got++] = t->nodes[node].idx;
    }
    qsort(found, (size_t)got, sizeof(int32_t), by_value);
    Py_ssize_t kinds = 0;
    for (Py_ssize_t k = 0; k < got; k++) {
        if (kinds && tally[kinds - 1].idx == found[k]) tally[kinds - 1].count++;
        else { tally[kinds].idx = found[k]; tally[kinds].count = 1; kinds++; }
    }
    qsort(tally, (size_t)kinds, sizeof(Tally), by_tally);
    if (limit < 0) limit = 0;
    out = PyList_New(kinds < limit ? kinds : limit);
    for (Py_ssize_t k = 0; out && k < PyList_GET_SIZE(out); k++) {
        PyObject *v = PyLong_FromLong(tally[k].idx);
        if (!v) { Py_CLEAR(out); break; }
        PyList_SET_ITEM(out, k, v);
    }
done:
    PyMem_Free(found); PyMem_Free(tally);
    Py_DECREF(seq);
    return out;
}

static PyObject *ShingleTable_len(ShingleTable *t, PyObject *Py_UNUSED(ignored)) {
    return PyLong_FromSsize_t(t->n_items);
}

static PyMethodDef ShingleTable_methods[] = {
    {"add", (PyCFunction)ShingleTable_add, METH_VARARGS,
     "add(idx, shingles) -> None: paragraph idx holds these shingles (byte strings of at most 24 bytes)."},
    {"candidates", (PyCFunction)ShingleTable_candidates, METH_VARARGS,
     "candidates(shingles, limit=8) -> list[int]: the paragraphs sharing most of them, most first, then by number."},
    {"size", (PyCFunction)ShingleTable_len, METH_NOARGS, "size() -> int: number of distinct shingles seen."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject ShingleTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cleaner._lexcore.ShingleTable",
    .tp_basicsize = sizeof(ShingleTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "ShingleTable(): dedup's shingle postings (see cleaner.passes.dedup_index.ShingleIndex).",
    .tp_methods = ShingleTable_methods,
    .tp_init = (initproc)ShingleTable_init,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)ShingleTable_dealloc,
};

/* ---- alignment ----------------------------------------------------------- */

/* diff_spans(a, b): the (start, end) runs of positions where a and b differ, for two
 * strings of one length whose line breaks sit at the same positions; None otherwise. */
static PyObject *diff_spans(PyObject *Py_UNUSED(module), PyObject *args) {
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU", &a, &b)) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    if (PyUnicode_GET_LENGTH(b) != n) Py_RETURN_NONE;
    int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    PyObject *out = PyList_New(0);
    Py_ssize_t i = 0;
    while (out && i < n) {
        if (PyUnicode_READ(ka, da, i) == PyUnicode_READ(kb, db, i)) { i++; continue; }
        Py_ssize_t j = i;
        while (j < n && PyUnicode_READ(ka, da, j) != PyUnicode_READ(kb, db, j)) {
            if (PyUnicode_READ(ka, da, j) == '\n' || PyUnicode_READ(kb, db, j) == '\n') {
                Py_DECREF(out);
                Py_RETURN_NONE;
            }
            j++;
        }
        PyObject *span = Py_BuildValue("(nn)", i, j);
        if (!span || PyList_Append(out, span) < 0) Py_CLEAR(out);
        Py_XDECREF(span);
        i = j;
    }
    return out;
}

static PyMethodDef module_methods[] = {
    {"diff_spans", diff_spans, METH_VARARGS,
     "diff_spans(a, b) -> list[(start, end)] | None: where two aligned strings differ."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef lexcore_module = {
    PyModuleDef_HEAD_INIT, "cleaner._lexcore",
    "The word lexicon and its segmentation, compiled (see cleaner.kernels for the reference).",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

/* Ready ``type`` and add it to ``m`` as ``name`` (-1 on error, ``m`` left to the caller). */
static int add_type(PyObject *m, const char *name, PyTypeObject *type) {
    if (PyType_Ready(type) < 0) return -1;
    Py_INCREF(type);
    if (PyModule_AddObject(m, name, (PyObject *)type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC PyInit__lexcore(void) {
    LOG_UNKNOWN = log(0.5);
    PyObject *m = PyModule_Create(&lexcore_module);
    if (!m) return NULL;
    if (add_type(m, "Lexicon", &LexiconType) < 0 || add_type(m, "ShingleTable", &ShingleTableType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    PyModule_AddIntConstant(m, "MAX_WORD", MAX_WORD);
    PyModule_AddIntConstant(m, "POSTING_CAP", POSTING_CAP);
    PyModule_AddIntConstant(m, "SIDE", SIDE);
    return m;
}
