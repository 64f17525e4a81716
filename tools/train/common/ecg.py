"""ECG preprocessing shared by the beat and rhythm scripts: resampling, windows, z-score, metrics."""
import numpy as np

DATA = "/work/shared/data/ecg"


def resample(signal, fs_in, fs_out):
    """Linear interpolation onto a uniform grid at fs_out (the same policy the app's runner documents)."""
    if fs_in == fs_out:
        return signal.astype(np.float32)
    n_out = int(np.floor((len(signal) - 1) * fs_out / fs_in)) + 1
    t_out = np.arange(n_out) * (fs_in / fs_out)
    return np.interp(t_out, np.arange(len(signal)), signal).astype(np.float32)


def zscore(windows, eps=1e-6):
    """Per-window z-score over the last axis."""
    m = windows.mean(axis=-1, keepdims=True)
    s = windows.std(axis=-1, keepdims=True)
    return ((windows - m) / (s + eps)).astype(np.float32)


def confusion(y_true, y_pred, n):
    cm = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def per_class(cm, names):
    """Sensitivity and PPV per class from a confusion matrix (rows = reference, columns = prediction)."""
    out = {}
    for i, name in enumerate(names):
        ref = int(cm[i].sum())
        pred = int(cm[:, i].sum())
        tp = int(cm[i, i])
        out[name] = dict(reference=ref, predicted=pred,
                         sensitivity=(tp / ref) if ref else None, ppv=(tp / pred) if pred else None)
    return out
