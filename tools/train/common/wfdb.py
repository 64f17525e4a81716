"""Minimal WFDB readers: headers, format 212/16 signals (incl. .mat with byte offset), MIT annotations."""
import os
import numpy as np


class Header:
    def __init__(self, name, fs, n_samples, signals, comments):
        self.name = name
        self.fs = fs
        self.n_samples = n_samples
        self.signals = signals  # list of dicts: file, fmt, offset, gain, baseline, desc
        self.comments = comments


def _parse_gain(token, adc_zero):
    # "gain(baseline)/units", "gain/units" or "gain"; missing baseline means ADC zero.
    gain_part = token.split("/")[0]
    baseline = adc_zero
    if "(" in gain_part:
        gain_str, rest = gain_part.split("(", 1)
        baseline = int(rest.rstrip(")"))
    else:
        gain_str = gain_part
    gain = float(gain_str) if gain_str else 200.0
    return (gain if gain != 0 else 200.0), baseline


def read_header(path_no_ext):
    lines = open(path_no_ext + ".hea", encoding="latin-1").read().splitlines()
    comments = [l[1:].strip() for l in lines if l.startswith("#")]
    body = [l for l in lines if l.strip() and not l.startswith("#")]
    rec = body[0].split()
    nsig = int(rec[1])
    fs = float(rec[2].split("/")[0].split("(")[0]) if len(rec) > 2 else 250.0
    n_samples = int(rec[3]) if len(rec) > 3 else 0
    signals = []
    for line in body[1 : 1 + nsig]:
        t = line.split()
        fmt_tok = t[1]
        offset = 0
        if "+" in fmt_tok:
            fmt_tok, off = fmt_tok.split("+")
            offset = int(off)
        fmt = int(fmt_tok.split("x")[0].split(":")[0])
        adc_zero = int(t[4]) if len(t) > 4 else 0
        gain, baseline = _parse_gain(t[2] if len(t) > 2 else "200", adc_zero)
        desc = " ".join(t[8:]) if len(t) > 8 else ""
        signals.append(dict(file=t[0], fmt=fmt, offset=offset, gain=gain, baseline=baseline, desc=desc))
    return Header(rec[0], fs, n_samples, signals, comments)


def _decode_212(raw, n_values):
    b = np.frombuffer(raw[: (len(raw) // 3) * 3], dtype=np.uint8).reshape(-1, 3).astype(np.int32)
    s0 = b[:, 0] | ((b[:, 1] & 0x0F) << 8)
    s1 = b[:, 2] | ((b[:, 1] & 0xF0) << 4)
    out = np.empty(b.shape[0] * 2, dtype=np.int32)
    out[0::2] = s0
    out[1::2] = s1
    out[out >= 2048] -= 4096
    return out[:n_values]


def read_record(path_no_ext):
    """Returns (header, float32 array [n_signals, n_samples] in physical units)."""
    hdr = read_header(path_no_ext)
    folder = os.path.dirname(path_no_ext)
    by_file = {}
    for i, s in enumerate(hdr.signals):
        by_file.setdefault(s["file"], []).append(i)
    out = None
    for fname, idx in by_file.items():
        s0 = hdr.signals[idx[0]]
        raw = open(os.path.join(folder, fname), "rb").read()[s0["offset"] :]
        nch = len(idx)
        if s0["fmt"] == 212:
            digital = _decode_212(raw, len(raw) * 2 // 3)
        elif s0["fmt"] == 16:
            digital = np.frombuffer(raw[: (len(raw) // 2) * 2], dtype="<i2").astype(np.int32)
        else:
            raise ValueError(f"{fname}: unsupported WFDB format {s0['fmt']}")
        n = len(digital) // nch
        if hdr.n_samples:
            n = min(n, hdr.n_samples)
        digital = digital[: n * nch].reshape(n, nch)
        if out is None:
            out = np.zeros((len(hdr.signals), n), dtype=np.float32)
        n = min(n, out.shape[1])
        for k, i in enumerate(idx):
            s = hdr.signals[i]
            out[i, :n] = (digital[:n, k] - s["baseline"]) / s["gain"]
    return hdr, out


# MIT annotation codes (ecgcodes.h) -> mnemonic
MIT_CODES = {1: "N", 2: "L", 3: "R", 4: "a", 5: "V", 6: "F", 7: "J", 8: "A", 9: "S", 10: "E", 11: "j",
             12: "/", 13: "Q", 14: "~", 16: "|", 18: "s", 19: "T", 20: "*", 21: "D", 22: '"', 23: "=",
             24: "p", 25: "B", 26: "^", 27: "t", 28: "+", 29: "u", 30: "?", 31: "!", 32: "[", 33: "]",
             34: "e", 35: "n", 36: "@", 37: "x", 38: "f", 39: "(", 40: ")", 41: "r"}
SKIP, NUM, SUB, CHN, AUX = 59, 60, 61, 62, 63


def read_annotations(path_no_ext, ext="atr"):
    """Returns list of (sample, symbol, aux_text)."""
    data = open(f"{path_no_ext}.{ext}", "rb").read()
    words = np.frombuffer(data[: len(data) // 2 * 2], dtype="<u2")
    anns = []
    t = 0
    i = 0
    while i < len(words):
        w = int(words[i])
        code, value = w >> 10, w & 0x3FF
        i += 1
        if code == 0 and value == 0:
            break
        if code == SKIP:
            if i + 1 >= len(words):
                break
            hi, lo = int(words[i]), int(words[i + 1])
            interval = (hi << 16) | lo
            if interval >= 1 << 31:
                interval -= 1 << 32
            t += interval
            i += 2
        elif code in (NUM, SUB, CHN):
            pass
        elif code == AUX:
            nbytes = value
            nwords = (nbytes + 1) // 2
            raw = words[i : i + nwords].tobytes()[:nbytes]
            i += nwords
            if anns:
                s, sym, _ = anns[-1]
                anns[-1] = (s, sym, raw.decode("latin-1").rstrip("\x00"))
        else:
            t += value
            anns.append((t, MIT_CODES.get(code, "?"), ""))
    return anns


AAMI = {"N": "N", "L": "N", "R": "N", "e": "N", "j": "N",
        "A": "S", "a": "S", "J": "S", "S": "S",
        "V": "V", "E": "V", "F": "F", "/": "Q", "f": "Q", "Q": "Q"}
AAMI_CLASSES = ["N", "S", "V", "F", "Q"]


def rhythm_intervals(anns, n_samples):
    """Rhythm spans from '+' annotations: list of (start, end, aux) with aux like '(AFIB'."""
    marks = [(s, aux) for s, sym, aux in anns if sym == "+" and aux]
    spans = []
    for k, (s, aux) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else n_samples
        spans.append((s, end, aux.strip()))
    return spans
