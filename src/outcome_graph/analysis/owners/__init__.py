"""Lead resolution: from the text in a plan's "Lead" column to owners.

A plan names who leads each item in free text: ``SILS``, ``SL ASO``,
``Head of Care & Targeted Outcomes (HCATO)``, ``CSP & Head of Public Protection (HPP)``,
``Group Manager, Youth Support``. This package turns such text into owners, following the plan
format (Milestones, ``lead``):

1. The whole string is matched against the declared owners' ids, names and aliases, compared
   with :func:`owner_key` (case, punctuation and spacing ignored; ``&`` equals ``and``).
2. If nothing matches, the string stays whole when it reads as one name
   (:func:`reads_as_one_name`: a title followed by its own acronym).
3. Otherwise it is split into joint leads at `` & ``, `` and ``, `` / ``, ``;``, ``,`` or a line
   break (:func:`split_lead`) and each part is matched again.
4. Parts that match no declared owner are implicit owners, merged only when their keys are equal.
   A lead or part that says nobody leads yet (``TBC``, ``To be confirmed``, ``N/A``:
   :func:`is_placeholder_lead`) is no owner, unless an owner is declared with that name; nor is
   a part that names partners, colleagues or agencies in general (``Head of Learning and
   partners``: :func:`is_vague_lead`), unless the lead names nothing else; nor are those a lead says
   support it (``Head of Learning with schools``, ``... supported by EYFC``: :func:`lead_part`),
   taken off before the lead is split.

Where the format is silent, the splitter reads the text the way a person does; it never cuts a
lead into pieces that are not owner names:

* a parenthesised acronym protects the words it abbreviates:
  ``Commissioning Manager, Drug and Alcohol Action Team (DAAT)`` is not split inside
  ``Drug and Alcohol Action Team``;
* a bare title (``Group Manager``, ``S L``, ``Strategic Leader (SL)``, ``Associate Director``)
  belongs to what follows it: ``Group Manager, Youth Support`` is one lead; unless another
  owner's name starts after the separator, as below (``Director; Head of Service``, ``Group
  Manager and Head of Youth Offending Service``): there the title is a role of its own;
* after a comma, a new lead starts only with a title word (``Head``, ``Director``, ``SM``, ...)
  or an acronym (``SILS``, ``MPT leaders``); anything else continues the name before it:
  ``School Improvement, Learning and Skills``, ``Director, Public Health``; a lone acronym
  after a role is that role's department (``Commissioning Manager, DAAT``), and lone acronyms
  joined to it by ``and``/``&`` or commas are more of its departments (``Head of Service, DAAT
  and YOS`` is one head of two services), with or without the comma and with the first department
  written out (``Head of Service DAAT and YOS``, ``Head of Service, Drug and Alcohol Action Team
  (DAAT) and Youth Offending Service (YOS)``); after a declared role (``Head of Service, DAAT``, or
  ``Head of Service`` before a comma) they are that owner's departments too, and the lead is that
  owner alone, unless a department is a declared owner itself;
* after ``&``/``and``, a new lead starts with a title word, a bare title and what it is the
  title of (``Manager, YOS``), an acronym, a name that ends in a role or body (``... Manager``,
  ``... Coordinator``, ``... Board``, ``... Team``) or a name with its own acronym; otherwise
  the words continue the name before (``Head of School Support and Preventative Services``,
  ``Director of Children and Learning``). A single plain word joined by ``and`` to a following
  role is read as part of that role
  (``Women and Children's Commissioning Manager``); a chief officer's title before a director's
  is one post with two titles, and so is a director's before a chief officer's (``Chief Nurse and
  Director of Women and Children's Commissioning``, ``Director of Finance and Deputy Chief
  Executive``: :func:`_double_title`);
* after ``;`` or `` / `` a new lead starts unless the part is a single plain word; so it does
  after a line break (a cell written one owner a line: ``Head of Service`` then ``School
  Improvement Manager``), but a bare title on its line belongs to the name on the next unless
  that name starts an owner's as after ``and`` (``Group Manager`` then ``Youth Support`` is one
  lead);
* one capitalised word after a declared owner's name and ``and`` goes on with that name
  (``Head of Learning and Skills`` is another post than ``Head of Learning``), as it does after an
  undeclared one; a lower-case word (``Head of Learning and schools``), a name of two words or more
  and a word after a declared acronym are others;
* parts that match a declared owner (alone or several parts together, as in
  ``School Improvement, Learning and Skills & EYFC``) are always kept as that owner, and so are a
  declared owner's name with its own acronym or expansion in parentheses (``Youth Offending Service
  (YOS)``, ``Head of Service, DAAT (Drug and Alcohol Action Team)``) and its acronym spelt out
  before it (``Drug and Alcohol Action Team (DAAT)``); but a bare title before a comma and a
  declared owner is the title of that owner's post (``Manager, YOS``), another owner;
* only the separators the format names split: a full stop does not
  (``Joint Advisory Board. Group Manager, Youth Support`` stays one part), nor does a slash
  without spaces (``Associate Director/Joint Commissioning Manager``) or a dash
  (``Head of Service – PPS``).

A lead with more than 32 separators (:data:`MAX_LEAD_SEPARATORS`) is no list of owners and is
kept whole (:func:`too_many_parts`; the loader adds a notice saying so, naming the node). An
owner named twice in one lead counts once. Parts are trimmed of surrounding spaces and separator
punctuation (a trailing full stop included).

:func:`find_alias_splits` finds owners that are evidently one owner written two ways (OG305).
"""

from __future__ import annotations

from .aliases import AliasSplit, find_alias_splits
from .forms import is_labelled as is_labelled
from .fragments import MAX_LEAD_SEPARATORS as MAX_LEAD_SEPARATORS
from .fragments import too_many_parts
from .index import OwnerIndex, OwnerSpec, ResolvedLead
from .keys import is_placeholder, is_placeholder_lead, is_vague_lead, owner_key
from .keys import loose_key as loose_key
from .leads import reads_as_one_name, split_lead
from .roles import role_forms, role_title_words
from .support import lead_part
from .titles import names_several

__all__ = [
    "AliasSplit",
    "OwnerIndex",
    "OwnerSpec",
    "ResolvedLead",
    "find_alias_splits",
    "is_placeholder",
    "is_placeholder_lead",
    "is_vague_lead",
    "lead_part",
    "names_several",
    "owner_key",
    "reads_as_one_name",
    "role_forms",
    "role_title_words",
    "split_lead",
    "too_many_parts",
]
