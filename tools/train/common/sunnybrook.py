"""Sunnybrook cardiac data: contoured frames -> (image 256x256, label map) with 0 bg, 1 LV blood pool, 2 LV myocardium."""
import csv
import os
import numpy as np

ROOT = "/work/shared/data/imaging/sunnybrook"
SIZE = 256


def read_pixels(dcm_path):
    # Sunnybrook files are uncompressed little-endian 16-bit: pixel data is the last 256*256*2 bytes.
    raw = open(dcm_path, "rb").read()
    return np.frombuffer(raw[-SIZE * SIZE * 2 :], dtype="<i2").astype(np.float32).reshape(SIZE, SIZE)


def read_contour(path):
    pts = np.loadtxt(path, dtype=np.float64)
    return pts.reshape(-1, 2)


def polygon_mask(pts, size=SIZE):
    """Even-odd rule; a pixel (row y, column x) is inside when its centre (x, y) is inside the polygon."""
    ys, xs = np.mgrid[0:size, 0:size]
    xs = xs.astype(np.float64)
    ys = ys.astype(np.float64)
    inside = np.zeros((size, size), dtype=bool)
    n = len(pts)
    for k in range(n):
        x0, y0 = pts[k]
        x1, y1 = pts[(k + 1) % n]
        if y0 == y1:
            continue
        crosses = (ys >= min(y0, y1)) & (ys < max(y0, y1))
        x_at = x0 + (ys - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (xs < x_at)
    return inside


def patients():
    with open(os.path.join(ROOT, "link.csv")) as f:
        return [(r["patient_id"], r["original_id"]) for r in csv.DictReader(f)]


def load_patient(patient_id, original_id):
    """Returns list of dicts: image (256x256 float32), label (uint8), has_myo (bool), frame (int)."""
    cdir = os.path.join(ROOT, "contourfiles", original_id)
    out = []
    for name in sorted(os.listdir(os.path.join(cdir, "i-contours"))):
        nn = int(name.split("-")[2])
        dcm = os.path.join(ROOT, "dicoms", patient_id, f"{nn}.dcm")
        if not os.path.exists(dcm):
            continue
        blood = polygon_mask(read_contour(os.path.join(cdir, "i-contours", name)))
        label = blood.astype(np.uint8)
        opath = os.path.join(cdir, "o-contours", name.replace("icontour", "ocontour"))
        has_myo = os.path.exists(opath)
        if has_myo:
            epi = polygon_mask(read_contour(opath))
            label = np.where(blood, 1, np.where(epi, 2, 0)).astype(np.uint8)
        out.append(dict(image=read_pixels(dcm), label=label, has_myo=has_myo, frame=nn, patient=patient_id))
    return out


def percentile_normalise(img, low=1.0, high=99.0):
    lo, hi = np.percentile(img, [low, high])
    return np.clip((img - lo) / max(hi - lo, 1e-6), 0.0, 1.0).astype(np.float32)


def downsample2(img):
    """256x256 -> 128x128 by 2x2 mean (what the app's bilinear/area resample to 128 approximates)."""
    return img.reshape(img.shape[0] // 2, 2, img.shape[1] // 2, 2).mean(axis=(1, 3)).astype(np.float32)
