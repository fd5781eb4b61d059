"""Simple server-rendered bar charts: geometry for inline SVG, no JavaScript.

Each chart also carries its numbers as rows so the template can offer them as a table (the
accessible alternative to the picture).
"""

from dataclasses import dataclass, field

# Colours with at least 3:1 contrast against white (WCAG 1.4.11, non-text contrast).
PALETTE = ["#1f5fa8", "#b5470f", "#2e7d32", "#7b3fa0", "#a3123a", "#00695c", "#5d4037", "#37474f"]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str
    value: int


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, label) under the axis
    legend: list[tuple[int, str]] = field(default_factory=list)  # (palette index, name)
    maximum: int = 0

    @property
    def empty(self) -> bool:
        return self.maximum == 0


def stacked_columns(
    columns: list[str],
    series: dict[str, list[int]],
    *,
    width: int = 640,
    height: int = 220,
    colours: list[int] | None = None,
) -> Chart:
    """One column per label in `columns`, stacking each series' value in its own colour.

    `colours` picks a palette index per series (in order) where the colour carries meaning.
    """
    plot_height = height - 30
    totals = [sum(values[i] for values in series.values()) for i in range(len(columns))]
    maximum = max(totals, default=0)
    chart = Chart(width, height, maximum=maximum)
    if not columns:
        return chart
    step = width / len(columns)
    bar_width = max(step * 0.7, 1.0)
    indices = colours or list(range(len(series)))
    index = {name: indices[n] % len(PALETTE) for n, name in enumerate(series)}
    colours_of = {name: PALETTE[i] for name, i in index.items()}
    chart.legend = [(index[name], name) for name in series]
    for i, column in enumerate(columns):
        x = i * step + (step - bar_width) / 2
        y = float(plot_height)
        for name, values in series.items():
            value = values[i]
            if not value or not maximum:
                continue
            h = plot_height * value / maximum
            y -= h
            chart.bars.append(Bar(x, y, bar_width, h, colours_of[name], f"{column}: {name}", value))
        chart.ticks.append((i * step + step / 2, column))
    return chart


def horizontal_bars(
    rows: list[tuple[str, int]], *, width: int = 640, row_height: int = 40
) -> Chart:
    """One bar per (label, value), largest first; the label sits above its bar."""
    rows = sorted(rows, key=lambda row: (-row[1], row[0]))
    maximum = max((value for _, value in rows), default=0)
    chart = Chart(width, max(row_height * len(rows), row_height), maximum=maximum)
    for i, (name, value) in enumerate(rows):
        length = max((width - 60) * value / maximum, 1.0) if maximum else 0.0
        chart.bars.append(
            Bar(0, i * row_height + 18, length, row_height - 24, PALETTE[0], name, value)
        )
    return chart
