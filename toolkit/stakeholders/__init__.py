"""Stakeholder mapping: who is involved, who is missing, who holds the power.

A *register* lists the stakeholders of a partnership, one row each, with the
sector they belong to and four ratings from 1 to 5. An optional table of
*relationships* says who is tied to whom. From these the module derives:

* the **power/interest grid** (Mendelow, 1991): high power and high interest,
  *manage closely*; high power, low interest, *keep satisfied*; low power, high
  interest, *keep informed*; low power and low interest, *monitor*;
* **salience** (Mitchell, Agle & Wood, 1997): which of power, legitimacy and
  urgency a stakeholder holds. One attribute makes a *latent* stakeholder
  (power alone: dormant; legitimacy alone: discretionary; urgency alone:
  demanding), two an *expectant* one (power and legitimacy: dominant; power and
  urgency: dangerous; legitimacy and urgency: dependent), all three a
  *definitive* one; none, a non-stakeholder;
* **marginal stakeholders** and what the sources recommend for them;
* **coverage** of the three spheres of society, **dominance** of the power in
  the map, and a readable list of **gaps**;
* candidate members under the **three member-identification models** of step 3
  of the six-step model (Roberts, after Cummings);
* with relationships, **network measures**: degree, betweenness, boundary
  spanners and isolated members.

Sectors
-------
Cross-sector partnerships bring together actors from at least two of the three
spheres of society: the state, the market and civil society (Glasbergen et al.,
as summarised in the encyclopedia article *Collaborative partnership*). The
register accepts these names and common synonyms (:data:`SECTOR_SYNONYMS`);
:func:`sector_mappings` reports which were mapped. Anything else is an error.

When is a rating "high"?
------------------------
A rating counts as high when it is at or above a threshold,
:data:`DEFAULT_THRESHOLD` = 4 unless configured. On a 1-5 rating 3 is the
neutral middle of the scale, so "high" should mean clearly above it: 4 or 5.
This is also how the toolkit reads 1-5 agreement scales elsewhere (the Wilder
Collaboration Factors Inventory reads 4.0 and above as a strength). Any
threshold ``t`` with ``1 < t <= 5`` may be given, for all four ratings at once
or per rating (``{"power": 3.5}``), so 1 is always low and 5 always high.
Ratings may be decimals (for example averages of several raters).

Marginal stakeholders
---------------------
A stakeholder is *marginal* when their power is low and their interest high
(the *keep informed* quadrant), unless the register's ``marginal`` column says
yes or no. The encyclopedia article *Collaborative partnership* (section on
marginal stakeholders and power imbalance) says that marginal stakeholders are
an asset to collaborative networks; that partnerships should give marginalised
groups a voice in naming the issues and a share in the decisions that affect
them, and guard against one group dominating the conversation; that marginal
stakeholders need to understand why shared decision-making and formalised
relationships matter, need external support (being small, they have little
slack to spend on working across organisations), need coaching to become
effective members, and need adequate, reliable financial and technical
resources. It also warns that resources flowing one way give the provider power
over the receiver. :data:`MARGINAL_RECOMMENDATIONS` paraphrases these points.

Dominance
---------
Power held is the sum of the power ratings. An organisation or a sector
*dominates* the map when it holds at least ``dominance_threshold`` (default
0.5: as much power as everyone else together) of the total. The article warns
against one group dominating conversations and decision-making.

Betweenness
-----------
Betweenness (the share of shortest paths between other pairs that pass through
a stakeholder) is computed with Brandes' algorithm (Brandes, 2001), vectorised
with numpy, on the undirected network of ties (a relationship in either
direction is a tie; several relationships between the same pair count once).
It is exact up to ``exact_limit`` stakeholders (default 1,000). Above that it is
*estimated* from ``samples`` source stakeholders (default 128) drawn with a
seeded generator (seed 0), scaled up as in Brandes & Pich (2007): the same input
always gives the same figures, and :func:`betweenness_method` says which was
used. Values are normalised to 0-1.

Examples
--------
>>> reg = example_register()
>>> out = analyse_stakeholders(reg)
>>> out.loc[out["name"] == "Residents' group (example)", ["grid", "salience", "marginal"]]
            grid   salience  marginal
5  keep informed  dependent      True
>>> sector_coverage(reg)[["sector", "stakeholders", "status"]]
          sector  stakeholders status
0          state             4     ok
1         market             2     ok
2  civil society             6     ok
"""

from __future__ import annotations

from .analysis import (
    analyse_stakeholders,
    marginal_stakeholders,
    power_dominance,
    power_interest_grid,
    salience,
    sector_coverage,
)
from .gaps import coverage_gaps, stakeholder_summary
from .members import (
    expanding_network_candidates,
    self_selection_candidates,
    stakeholder_analysis_candidates,
)
from .network import (
    betweenness_method,
    example_relationships,
    network_measures,
    one_way_resource_flows,
    read_relationships,
    validate_relationships,
)
from .register import (
    DEFAULT_DOMINANCE_THRESHOLD,
    DEFAULT_THRESHOLD,
    GRID_QUADRANTS,
    MARGINAL_RECOMMENDATIONS,
    RATINGS,
    RESOURCE_KINDS,
    SALIENCE_CLASSES,
    SECTOR_SYNONYMS,
    SECTORS,
    example_register,
    read_register,
    resolve_thresholds,
    sector_mappings,
    validate_register,
)
from .reporting import report

__all__ = [
    "DEFAULT_DOMINANCE_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "GRID_QUADRANTS",
    "MARGINAL_RECOMMENDATIONS",
    "RATINGS",
    "RESOURCE_KINDS",
    "SALIENCE_CLASSES",
    "SECTORS",
    "SECTOR_SYNONYMS",
    "analyse_stakeholders",
    "betweenness_method",
    "coverage_gaps",
    "example_register",
    "example_relationships",
    "expanding_network_candidates",
    "marginal_stakeholders",
    "network_measures",
    "one_way_resource_flows",
    "power_dominance",
    "power_interest_grid",
    "read_register",
    "read_relationships",
    "report",
    "resolve_thresholds",
    "salience",
    "sector_coverage",
    "sector_mappings",
    "self_selection_candidates",
    "stakeholder_analysis_candidates",
    "stakeholder_summary",
    "validate_register",
    "validate_relationships",
]
