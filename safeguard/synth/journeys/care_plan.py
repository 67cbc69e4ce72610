"""Plans of looked-after journeys: who comes into care, when, how long, where, and why they leave.

Pure simulation (no database): ``plan_stay`` turns an entry date and a child's date of
birth into a :class:`Stay` (its SSDA903 episodes, adoption milestones and ending). The
writer in ``care.py`` turns stays into rows. Every draw comes from the ``care`` stream.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from safeguard.core.calendar import birthday
from safeguard.synth.journeys.care_unregistered import UnregisteredOccupancy

#: Age at entry to care (single years drawn uniformly inside a band): DfE starts by age.
ENTRY_AGE_BANDS: list[tuple[int, int, float]] = [
    (0, 0, 0.18),
    (1, 4, 0.13),
    (5, 9, 0.14),
    (10, 15, 0.33),
    (16, 17, 0.22),
]
#: Outcome of a stay by age band at entry: (outcome, weight).
OUTCOMES: dict[int, list[tuple[str, float]]] = {
    0: [("adoption", 0.34), ("sgo", 0.28), ("home", 0.28), ("long", 0.10)],
    1: [("adoption", 0.18), ("sgo", 0.30), ("home", 0.36), ("long", 0.16)],
    5: [("sgo", 0.15), ("home", 0.50), ("long", 0.35)],
    10: [("home", 0.50), ("long", 0.42), ("other", 0.08)],
    16: [("long", 0.78), ("home", 0.22)],
}
NEED_WEIGHTS = {
    "N1": 0.64,
    "N2": 0.03,
    "N3": 0.03,
    "N4": 0.08,
    "N5": 0.14,
    "N6": 0.02,
    "N7": 0.002,
    "N8": 0.058,
}
PLACE_CHANGE_REASONS = {
    "CARPL": 0.30,
    "CREQB": 0.14,
    "CREQO": 0.10,
    "CHILD": 0.10,
    "LAREQ": 0.09,
    "PLACE": 0.08,
    "ALLEG": 0.03,
    "STAND": 0.03,
    "APPRR": 0.02,
    "CLOSE": 0.03,
    "OTHER": 0.08,
}
#: Mean years in a placement before a move, by placement type.
PLACEMENT_MEAN_YEARS = {
    "U1": 12.0,
    "U4": 11.0,
    "U2": 4.0,
    "U5": 4.0,
    "U3": 3.2,
    "U6": 3.0,
    "K2": 1.5,
    "H5": 1.2,
    "P1": 1.5,
}
#: Unregistered placements (seed 004: about 4 at a time): a share of moves to, and first
#: placements in, children's homes for teenagers, for weeks to months, offered often and
#: capped by the shared ``UnregisteredOccupancy`` (drawn freely, 0.4 / 0.1 gave 2-7 at a
#: time depending on the draws).
UNREGISTERED_FROM_AGE = 13
UNREGISTERED = 0.6
UNREGISTERED_FIRST = 0.15
UNREGISTERED_DAYS = (30, 180)
#: Placed with parents under a care order: the last months before a return home, and
#: long-term for a few children on care orders; semi-independent living from 16.
HOME_ON_ORDER = 0.5
LONG_AT_HOME = 0.16
SEMI_INDEPENDENT_AT_16 = 0.6
OTHER_LAS = ("887", "888", "889", "890", "891", "928", "929", "931", "935", "936", "937")


@dataclass
class Placement:
    kind: str
    provider: str
    carer: str
    postcode: str
    urn: str
    la_code: str
    registered: bool
    distance: Decimal | None


@dataclass
class Episode:
    start: dt.date
    rne: str
    legal: str
    place: Placement
    end: dt.date | None = None
    rec: str = ""
    rpc: str = ""
    obj: object | None = None


@dataclass
class Stay:
    entry: dt.date
    dob: dt.date
    need: str
    outcome: str
    episodes: list[Episode] = field(default_factory=list)
    exit: dt.date | None = None
    reason: str = ""
    #: Adoption milestones: plan agreed, decision, match, move-in (dates) and adopters.
    adoption: dict[str, object] | None = None

    def legal_on(self, day: dt.date) -> str:
        for ep in self.episodes:
            if ep.start <= day and (ep.end is None or day < ep.end):
                return ep.legal
        return self.episodes[-1].legal


def pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array(list(weights.values()), dtype=float)
    return str(keys[int(rng.choice(len(keys), p=p / p.sum()))])


def entry_age(rng: np.random.Generator) -> int:
    bands = ENTRY_AGE_BANDS
    band = bands[int(rng.choice(len(bands), p=[b[2] for b in bands]))]
    return int(rng.integers(band[0], band[1] + 1))


def outcome_for(rng: np.random.Generator, age: int) -> str:
    key = max(k for k in OUTCOMES if k <= age)
    options = OUTCOMES[key]
    return options[int(rng.choice(len(options), p=[w for _, w in options]))][0]


def provisional_exit(rng: np.random.Generator, entry: dt.date, age: int, outcome: str) -> dt.date:
    """When the stay ends (before the placement detail), from the outcome."""
    eighteenth = entry + dt.timedelta(days=round((18 - age - 0.5) * 365.25))
    if outcome == "home":
        days = int(np.clip(rng.lognormal(np.log(160), 1.0), 14, 6 * 365))
    elif outcome == "sgo":
        days = int(rng.integers(330, 900))
    elif outcome == "adoption":
        days = int(rng.gamma(9.0, 435 / 9.0)) + int(rng.integers(150, 330))
    elif outcome == "other":
        days = int(rng.integers(60, 900))
    else:
        days = (eighteenth - entry).days
    return min(entry + dt.timedelta(days=max(days, 14)), eighteenth)


class Planner:
    """Builds a stay's placements and legal statuses (needs a real date of birth)."""

    def __init__(
        self,
        rng: np.random.Generator,
        la_code: str,
        postcodes: list[str],
        names: list[str],
        *,
        occupancy: UnregisteredOccupancy | None = None,
    ):
        self.rng = rng
        self.la_code = la_code
        self.postcodes = postcodes
        self.names = names
        self._serial = 0
        #: Shared by a generation's planners; none (no cap) in unit tests.
        self.occupancy = occupancy

    def _unregistered_until(self, day: dt.date, exit_: dt.date) -> dt.date | None:
        """The planned end of an unregistered placement from ``day``, or None when the
        cap on open unregistered placements is reached (a registered home instead)."""
        until = day + dt.timedelta(days=int(self.rng.integers(*UNREGISTERED_DAYS)))
        if self.occupancy is not None and not self.occupancy.take(day, min(until, exit_)):
            return None
        return until

    # --- placements ---------------------------------------------------------------------
    def _distance(self, median: float, spread: float = 0.9) -> Decimal:
        miles = float(np.clip(self.rng.lognormal(np.log(median), spread), 0.3, 400))
        return Decimal(f"{miles:.1f}")

    def placement(
        self, kind: str, age: int, *, carer: str = "", unregistered: bool = False
    ) -> Placement:
        rng = self.rng
        self._serial += 1
        postcode = self.postcodes[int(rng.integers(len(self.postcodes)))]
        urn = ""
        if kind == "P1":
            return Placement(kind, "PR0", "Parents", "", "", self.la_code, True, Decimal("0.0"))
        if kind in {"U1", "U2", "U3"}:
            provider, distance = "PR1", self._distance(7.0, 1.1)
        elif kind in {"U4", "U5", "U6"}:
            if rng.random() < 0.8:
                provider, distance = "PR1", self._distance(14.0, 1.0)
            else:
                provider, distance = "PR4", self._distance(34.0, 0.9)
                urn = f"{int(rng.integers(500000, 2700000)):07d}"
        elif kind == "K2":
            roll = rng.random()
            if unregistered:
                provider, distance = "PR4", self._distance(30.0, 0.8)
            elif roll < 0.35:
                provider, distance = "PR1", self._distance(9.0, 0.7)
            else:
                provider = "PR4" if roll < 0.88 else "PR5"
                distance = self._distance(50.0, 0.8)
            if not unregistered:
                urn = f"SC{int(rng.integers(100000, 999999)):06d}"
        elif kind == "H5":
            provider = "PR4" if rng.random() < 0.6 else "PR5"
            distance = self._distance(14.0, 1.0)
        elif kind in {"A5", "A6"}:
            provider = "PR1" if rng.random() < 0.7 else "PR2"
            distance = self._distance(18.0, 0.9)
        else:
            provider, distance = "PR4", self._distance(20.0, 0.9)
        if not carer:
            if kind == "K2":
                carer = f"{self.names[int(rng.integers(len(self.names)))]} House"
            else:
                carer = f"Mr and Mrs {self.names[int(rng.integers(len(self.names)))]}"
        # Over the border: most placements 20+ miles away, some 10-20 (seed 003: 162 of
        # ~485 placed outside the authority).
        out_p = 0.75 if distance > Decimal(20) else 0.3 if distance > Decimal(10) else 0.03
        in_area = rng.random() >= out_p
        la = self.la_code if in_area else OTHER_LAS[int(rng.integers(len(OTHER_LAS)))]
        return Placement(kind, provider, carer, postcode, urn, la, not unregistered, distance)

    def moved_to(
        self, current: Placement, kind: str, age: int, unregistered: bool = False
    ) -> Placement:
        """A new placement that differs from ``current`` in what the SSDA903 shows of it.

        Two draws can meet on the same type, provider, postcode and URN (about 1 in 700
        moves between semi-independent placements); a move the return cannot see fails
        rule 435, so such a draw is made again.
        """
        seen = (current.kind, current.provider, current.postcode, current.urn)
        place = self.placement(kind, age, unregistered=unregistered)
        for _ in range(20):
            if (place.kind, place.provider, place.postcode, place.urn) != seen:
                break
            place = self.placement(kind, age, unregistered=unregistered)
        return place

    def first_kind(self, age: int, outcome: str) -> str:
        rng = self.rng
        if outcome == "adoption" and rng.random() < 0.2:
            return "U5"
        if age < 10:
            return pick(rng, {"U6": 0.68, "U3": 0.28, "P1": 0.0, "K2": 0.0 if age < 8 else 0.04})
        if age < 16:
            return pick(rng, {"U6": 0.48, "U3": 0.10, "K2": 0.42})
        return pick(rng, {"U6": 0.30, "U3": 0.05, "K2": 0.27, "H5": 0.38})

    def next_kind(self, age: int, current: str, years_in: float, outcome: str) -> tuple[str, bool]:
        """The next placement type and whether the carers stay the same (RNE T)."""
        rng = self.rng
        if (
            current in {"U6", "U3"}
            and outcome == "long"
            and years_in > 0.7
            and age < 15
            and rng.random() < 0.6
        ):
            return ("U4" if current == "U6" else "U1"), True
        if age >= 16 and rng.random() < 0.35:
            return "H5", False
        if age < 10:
            return pick(rng, {"U6": 0.75, "U4": 0.15, "U3": 0.10}), False
        if current == "K2":
            return pick(rng, {"K2": 0.7, "U6": 0.3}), False
        return pick(rng, {"U6": 0.44, "U4": 0.08, "K2": 0.44, "U3": 0.04}), False

    def _settle(
        self,
        stay: Stay,
        legal: str,
        legal_events: dict[dt.date, str],
        place_events: dict[dt.date, tuple[str, bool, bool]],
        first_kind: str,
        exit_: dt.date,
        horizon: dt.date,
    ) -> None:
        """Later moves that end the run of placements: home to parents under a care order
        (the last months of a return home, or for the long term), or semi-independent
        living from 16 (seed 004: 70% of children in care with foster carers)."""
        rng, entry, dob = self.rng, stay.entry, stay.dob
        move: tuple[dt.date, str] | None = None
        if stay.outcome == "home" and rng.random() < HOME_ON_ORDER:
            move = (exit_ - dt.timedelta(days=int(rng.integers(60, 300))), "P1")
        elif stay.outcome == "long" and _age(dob, entry) < 14 and rng.random() < LONG_AT_HOME:
            move = (entry + dt.timedelta(days=int(rng.integers(300, 900))), "P1")
        elif stay.outcome == "long" and rng.random() < SEMI_INDEPENDENT_AT_16:
            move = (birthday(dob, 16) + dt.timedelta(days=int(rng.integers(0, 240))), "H5")
        if move is None:
            return
        day, kind = move
        if day <= entry + dt.timedelta(days=30) or day >= horizon - dt.timedelta(days=2):
            return
        status = legal
        for changed in sorted(d for d in legal_events if d <= day):
            status = legal_events[changed]
        before = [d for d in sorted(place_events) if d < day]
        current = place_events[before[-1]][0] if before else first_kind
        if kind == "P1" and status not in {"C1", "C2"}:
            return
        if kind == "H5" and current in {"U1", "U4", "H5"}:
            return  # settled with long-term foster carers (or already living independently)
        for later in [d for d in place_events if d >= day]:
            del place_events[later]
        place_events[day] = (kind, False, False)

    # --- legal status -------------------------------------------------------------------
    def first_legal(self, age: int, outcome: str) -> str:
        rng = self.rng
        if outcome in {"adoption", "sgo"} or age < 1:
            return "C1" if rng.random() < 0.8 else "V2"
        if age >= 10 and rng.random() < 0.03:
            return "J1"
        if age >= 16:
            return "V2" if rng.random() < 0.7 else "C1"
        return "C1" if rng.random() < 0.55 else "V2"

    # --- the stay -----------------------------------------------------------------------
    def plan(
        self, *, entry: dt.date, exit_: dt.date, dob: dt.date, outcome: str, need: str, end: dt.date
    ) -> Stay:
        rng = self.rng
        stay = Stay(entry=entry, dob=dob, need=need, outcome=outcome)
        eighteenth = birthday(dob, 18)
        exit_ = min(exit_, eighteenth)
        if exit_ <= entry:
            exit_ = entry + dt.timedelta(days=14)
        age0 = _age(dob, entry)
        legal = self.first_legal(age0, outcome)
        # Events: (day, kind, detail) for legal-status and placement changes.
        legal_events: dict[dt.date, str] = {}
        if legal == "C1":
            final = entry + dt.timedelta(days=int(rng.integers(120, 330)))
            if outcome == "adoption":
                stay.adoption = {}
                legal_events[final] = "E1"
            else:
                legal_events[final] = "C2"
        elif legal == "J1":
            legal_events[entry + dt.timedelta(days=int(rng.integers(20, 120)))] = "V2"
        elif legal == "V2" and outcome in {"adoption", "sgo", "long"} and age0 < 16:
            legal_events[entry + dt.timedelta(days=int(rng.integers(90, 400)))] = (
                "E1" if outcome == "adoption" else "C2"
            )
            if outcome == "adoption":
                stay.adoption = {}
        move_in = None
        if outcome == "adoption":
            e1_day = min(d for d, s in legal_events.items() if s == "E1")
            move_in = max(
                e1_day + dt.timedelta(days=int(rng.integers(30, 120))),
                entry + dt.timedelta(days=int(rng.gamma(9.0, 435 / 9.0))),
            )
            exit_ = move_in + dt.timedelta(days=int(rng.integers(150, 330)))
            decided = e1_day - dt.timedelta(days=int(rng.integers(20, 60)))
            decided = max(decided, entry + dt.timedelta(days=1))
            single = rng.random() < 0.12
            assert stay.adoption is not None
            stay.adoption.update(
                plan_agreed=max(entry, decided - dt.timedelta(days=int(rng.integers(14, 90)))),
                decided=decided,
                matched=move_in - dt.timedelta(days=int(rng.integers(7, 45))),
                move_in=move_in,
                single=single,
            )
        legal_events = {d: s for d, s in legal_events.items() if d < exit_ and d <= end}
        # Placement changes.
        kind = self.first_kind(age0, outcome)
        if kind == "P1" and legal == "V2":
            kind = "U6"
        unregistered_until: dt.date | None = None
        first_unregistered = (
            kind == "K2" and age0 >= UNREGISTERED_FROM_AGE and rng.random() < UNREGISTERED_FIRST
        )
        if first_unregistered:
            unregistered_until = self._unregistered_until(entry, exit_)
            first_unregistered = unregistered_until is not None
        place = self.placement(kind, age0, unregistered=first_unregistered)
        stay.episodes.append(Episode(entry, "S", legal, place))
        day = entry
        horizon = min(exit_, end + dt.timedelta(days=1))
        place_events: dict[dt.date, tuple[str, bool, bool]] = {}
        current_kind = kind
        while True:
            if unregistered_until is not None:
                gap = (unregistered_until - day).days
                unregistered_until = None
            else:
                mean = PLACEMENT_MEAN_YEARS.get(current_kind, 1.0)
                if outcome == "long" and current_kind in {"U1", "U4"}:
                    mean *= 1.6
                gap = max(2, int(rng.exponential(mean * 365.25)))
            day = day + dt.timedelta(days=gap)
            if move_in is not None and day >= move_in - dt.timedelta(days=10):
                break
            if day >= horizon - dt.timedelta(days=2):
                break
            age = _age(dob, day)
            years_in = (day - entry).days / 365.25
            new_kind, same = self.next_kind(age, current_kind, years_in, outcome)
            unreg = (
                new_kind == "K2" and age >= UNREGISTERED_FROM_AGE and rng.random() < UNREGISTERED
            )
            if unreg:
                unregistered_until = self._unregistered_until(day, exit_)
                unreg = unregistered_until is not None
            place_events[day] = (new_kind, same, unreg)
            current_kind = new_kind
        if move_in is None:
            self._settle(stay, legal, legal_events, place_events, kind, exit_, horizon)
        if move_in is not None and move_in <= end:
            place_events[move_in] = (
                "A5" if current_kind in {"U5", "U6"} and rng.random() < 0.3 else "A6",
                False,
                False,
            )
            if place_events[move_in][0] == "A5":
                place_events[move_in] = ("A5", True, False)
        # Merge events in date order into episodes.
        for day in sorted(set(legal_events) | set(place_events)):
            current = stay.episodes[-1]
            if day <= current.start:
                continue
            new_legal = legal_events.get(day, current.legal)
            if day in place_events:
                new_kind, same, unreg = place_events[day]
                if new_kind == "P1" and new_legal == "V2":
                    new_kind = "U6"
                if same:
                    new_place = self.placement(new_kind, _age(dob, day), carer=current.place.carer)
                    new_place.postcode = current.place.postcode
                    new_place.la_code = current.place.la_code
                    new_place.distance = current.place.distance
                    new_place.provider = (
                        current.place.provider if new_kind not in {"A5"} else (new_place.provider)
                    )
                else:
                    new_place = self.moved_to(current.place, new_kind, _age(dob, day), unreg)
                changed_legal = new_legal != current.legal
                rne = {
                    (False, False): "P",
                    (False, True): "T",
                    (True, False): "B",
                    (True, True): "U",
                }[(changed_legal, same)]
                if current.place.kind == "K2" and not current.place.registered:
                    reason = "STAND"
                elif same or new_kind in {"A5", "A6", "U1", "U4"}:
                    reason = "CARPL"
                else:
                    reason = pick(rng, PLACE_CHANGE_REASONS)
                current.rpc = reason
            else:
                new_place = current.place
                rne = "L"
            current.end, current.rec = day, "X1"
            stay.episodes.append(Episode(day, rne, new_legal, new_place))
        # Ending.
        if exit_ <= end:
            last = stay.episodes[-1]
            if exit_ <= last.start:
                exit_ = last.start + dt.timedelta(days=1)
            stay.exit = exit_
            age_exit = _age(dob, exit_)
            kind = last.place.kind
            if outcome == "adoption":
                reason = "E11" if rng.random() < 0.85 else "E12"
            elif outcome == "sgo":
                reason = ("E45" if rng.random() < 0.5 else "E46") if kind.startswith("U") else "E47"
                if age_exit >= 18:
                    reason = "E8"
            elif outcome == "home":
                reason = "E4A" if rng.random() < 0.85 else "E13"
            elif outcome == "other":
                reason = pick(rng, {"E13": 0.4, "E4B": 0.3, "E8": 0.2, "E3": 0.1})
            elif age_exit >= 18 and kind.startswith("U") and rng.random() < 0.3:
                reason = "E17"
            elif age_exit >= 16:
                reason = pick(
                    rng, {"E5": 0.45, "E6": 0.1, "E8": 0.25, "E4A": 0.1, "E7": 0.03, "E13": 0.07}
                )
            else:
                reason = "E4A"
            if reason in {"E5", "E6"} and age_exit < 14:
                reason = "E8"
            if reason == "E7" and age_exit < 16:
                reason = "E8"
            last.end, last.rec = exit_, reason
            stay.reason = reason
        return stay


def _age(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
