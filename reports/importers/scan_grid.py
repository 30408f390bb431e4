"""The geometry of a scanned page: its skew, and the cells of its tables found from their ruling lines.

Cells come from the rules printed on the page (OpenCV morphology), not from where
the recognised text happens to stand, so that each text lands in the cell it was
printed in, merged cells included.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_SKEW_LIMIT = 3.0  # degrees tried either way
_SKEW_STEP = 0.1
_MIN_CELL = 12  # pixels at 150 dpi


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)


def deskew(gray: np.ndarray) -> np.ndarray:
    """The page turned straight: the angle whose rows of ink are sharpest (text lines, table rules)."""
    small = cv2.resize(_ink(gray), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (small.shape[1], small.shape[0]), flags=cv2.INTER_NEAREST)
        return float(np.var(turned.sum(axis=1, dtype=np.float64)))

    angles = np.arange(-_SKEW_LIMIT, _SKEW_LIMIT + _SKEW_STEP / 2, _SKEW_STEP)
    best = max(angles, key=sharpness)
    if abs(best) < _SKEW_STEP / 2:
        return gray
    matrix = cv2.getRotationMatrix2D((gray.shape[1] / 2, gray.shape[0] / 2), float(best), 1.0)
    return cv2.warpAffine(gray, matrix, (gray.shape[1], gray.shape[0]), flags=cv2.INTER_CUBIC,
                          borderValue=255)


def _rules(ink: np.ndarray) -> np.ndarray:
    width, height = ink.shape[1], ink.shape[0]
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 30, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, height // 60)))
    rules = cv2.bitwise_or(across, down)
    return cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def table_cells(gray: np.ndarray) -> list[tuple[Box, list[Box]]]:
    """Each ruled table of the page, top to bottom: its outline and its cells (holes in the rules)."""
    contours, hierarchy = cv2.findContours(_rules(_ink(gray)), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tables: dict[int, list[Box]] = {}
    for i, (_next, _prev, _child, parent) in enumerate(hierarchy[0]):
        if parent < 0:
            continue
        x, y, w, h = cv2.boundingRect(contours[i])
        if w >= _MIN_CELL and h >= _MIN_CELL:
            tables.setdefault(parent, []).append(Box(x, y, x + w, y + h))
    found = []
    for parent, cells in tables.items():
        if len(cells) < 2:
            continue  # a box around text, not a table
        x, y, w, h = cv2.boundingRect(contours[parent])
        found.append((Box(x, y, x + w, y + h), cells))
    return sorted(found, key=lambda t: t[0].y0)
