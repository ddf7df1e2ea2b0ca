"""Mutation score per module, from the results `mutmut run` left under mutants/ (`make mutation`).

    python benchmarks/mutation.py               # the table (Markdown) and the targets
    python benchmarks/mutation.py --survivors   # … and every mutant no test killed

A mutant counts as killed when a test failed or timed out on it; one that no test covers counts as
surviving. Targets (issue 10): checks/ and the scoring ≥ 85%, extraction and dates ≥ 75%.
Survivors judged equivalent (no behaviour can tell them apart) are listed in EQUIVALENT with why;
they count neither way.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]
KILLED = {"killed", "timeout", "caught by type check"}
# module prefix → (group, target share of mutants killed)
GROUPS = (("checks/", "检查规则与评分", 0.85), ("crawler/extract/", "抽取", 0.75),
          ("crawler/dates.py", "日期", 0.75), ("crawler/scope.py", "抓取范围", 0.75))
# mutant name → why no test can kill it (the code behaves the same). Names follow mutmut's numbering
# of the code as it is: re-check them when a function changes.
_SAME_RUN_DATA = "each unit builds its own RunData from the same whole-run fetches table: only slower"
_SQL_CASE = "SQLite keywords and identifiers ignore case"
_CODEC_CASE = "codec names ignore case"
EQUIVALENT: dict[str, str] = {
    "checks.engine.x_audit_run__mutmut_28": _SAME_RUN_DATA,
    "checks.engine.x_audit_run__mutmut_66": _SAME_RUN_DATA,
    "checks.engine.x_audit_run__mutmut_71": _SAME_RUN_DATA,
    "checks.engine.x_audit_run__mutmut_38": _SQL_CASE,
    "checks.engine.x__record_matches__mutmut_20": _SQL_CASE,
    "checks.engine.x__record_matches__mutmut_26": _SQL_CASE,
    "checks.engine.x__store__mutmut_3": _SQL_CASE,
    "checks.engine.x__store__mutmut_6": _SQL_CASE,
    "checks.engine.x__store__mutmut_9": _SQL_CASE,
    "checks.evaluate.x_matches__mutmut_40": "a real URL never normalises to '', so `or` gives False as `and` does",
    "checks.evaluate.x_evaluate_run__mutmut_6": _CODEC_CASE,
    "checks.findings.x_fingerprint__mutmut_22": _CODEC_CASE,
    "checks.findings.x_export__mutmut_73": "on POSIX newline=None writes \"\\n\" untranslated, as newline=\"\" does",
    "checks.findings.x_export__mutmut_76": "on POSIX newline=None writes \"\\n\" untranslated, as newline=\"\" does",
    "checks.findings.x_export__mutmut_80": _CODEC_CASE,
    "checks.audit.xǁUnitDataǁ_rows__mutmut_5": _SQL_CASE,
    "checks.audit.xǁUnitDataǁpages__mutmut_4": _SQL_CASE,
    "checks.audit.xǁUnitDataǁpages__mutmut_8": _SQL_CASE,
    "checks.audit.xǁUnitDataǁpages__mutmut_22": _SQL_CASE,
    "checks.audit.xǁUnitDataǁpages__mutmut_24": _SQL_CASE,
    "checks.scoring.x_score_unit__mutmut_34": "unit_veto is only tested for truth, and \"\" is falsy like None",
    "checks.scoring.x_export_scores__mutmut_8": "on POSIX newline=None writes \"\\n\" untranslated, as newline=\"\" does",
    "checks.scoring.x_export_scores__mutmut_11": "on POSIX newline=None writes \"\\n\" untranslated, as newline=\"\" does",
    "checks.scoring.x_export_scores__mutmut_15": _CODEC_CASE,
    "checks.scoring.x_export_scores__mutmut_88": "ensure_ascii=None is falsy like False",
    "checks.scoring.x_export_scores__mutmut_99": "ensure_ascii=None is falsy like False",
    "checks.scoring.x_export_scores__mutmut_108": "ensure_ascii=None is falsy like False",
    "checks.scoring.x_export_scores__mutmut_90": "deductions map rule codes to numbers: ASCII, escaped or not",
    "checks.scoring.x_export_scores__mutmut_95": "deductions map rule codes to numbers: ASCII, escaped or not",
    "checks.scoring.x_export_scores__mutmut_119": "csv writes None as an empty cell, as it writes \"\"",
    "checks.scoring.x_export_scores__mutmut_121": "csv writes None as an empty cell, as it writes \"\"",
    "checks.findings.x_export__mutmut_96": _CODEC_CASE,
    "checks.findings.x_export__mutmut_104": "ensure_ascii=None is falsy like False",
    "checks.summary.x_print_evaluation__mutmut_7": "rich pads an unknown alignment like 'left'",
    "checks.summary.x_print_evaluation__mutmut_8": "rich pads an unknown alignment like 'left'",
    # the verdict and the rates (checks/verdict.py, checks/composite.py)
    "checks.verdict.x_cohort__mutmut_18": _SQL_CASE,
    "checks.verdict.x_cohort__mutmut_37": "a type with no category is skipped before its key_field default is read",
    "checks.verdict.x__award_categories__mutmut_17": "get('key_field', None) is falsy like False",
    "checks.verdict.x__award_categories__mutmut_19": "get('key_field') is falsy like False",
    "checks.composite.x_exact__mutmut_2": "exact() gets ints or floats only, and an int's str parses to the same Fraction",
    "checks.composite.x_run_rates__mutmut_16": _SQL_CASE,
    "checks.composite.x_run_rates__mutmut_60": "only units whose type is in the system are taken, so the default is never used",
    "checks.composite.x_run_rates__mutmut_62": "only units whose type is in the system are taken, so the default is never used",
    # this session's changes to checks/ (issue 12's sites:, sync:, frozen profiles, --partial)
    "checks.summary.x_print_summary__mutmut_103":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_106":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_109":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_110":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_127":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_130":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_133":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.summary.x_print_summary__mutmut_134":
        "print_summary is only given an AuditResult, which always sets the field: getattr's default is never used",
    "checks.audit.xǁUnitDataǁpage_text__mutmut_3":
        'url = NULL matches no row, and no page is stored under an empty URL',
    "checks.audit.xǁUnitDataǁpage_text__mutmut_9":
        _SQL_CASE,
    "checks.rules.availability.x_failure__mutmut_1":
        'dead default: the only caller always passes the link URL',
    "checks.rules.availability.x_failure__mutmut_4":
        "stored link URLs are absolute and contain ':'; only a URL that is literally 'file' or 'ftp' differs",
    "checks.rules.availability.x_failure__mutmut_9":
        'the split limit does not change [0]',
    "checks.rules.availability.x_failure__mutmut_12":
        'the split limit does not change [0]',
    "checks.rules.availability.x_failure__mutmut_16":
        '"XXXX", like "", is not in UNFOLLOWABLE',
    "checks.rules.availability.x__broken_links__mutmut_27":
        'a repeated target gives the same fingerprint, and audit_unit keeps the first of a fingerprint',
    "checks.rules.availability.x_site_unavailable__mutmut_82":
        'a fetch that failed only by answering late always has elapsed_ms above the timeout, so `or 0` is never reached',
    "checks.rules.media.x_identifies__mutmut_6":
        'the next line strips every non-CJK character, the replacement among them',
    "checks.rules.media.x_identifies__mutmut_8":
        '"XXXX" is stripped to "", so the result is False as for an empty name',
    "checks.rules.media.x_identifies__mutmut_17":
        'regex hex escapes ignore case',
    "checks.rules.media.x_identifies__mutmut_22":
        'str.find(ch, None) starts at 0',
    "checks.rules.search.x_not_in_paired_column__mutmut_14":
        'the empty name "" is in every path, as "XXXX" is only in a column named with X\'s',
    "checks.rules.search.x_not_in_paired_column__mutmut_24":
        'the empty name "" is in every path, as "XXXX" is only in a column named with X\'s',
    "checks.rules.search.x_not_in_paired_column__mutmut_64":
        'the empty name "" is in every path, as "XXXX" is only in a column named with X\'s',
    "checks.rules.search.x_not_on_portal__mutmut_11":
        'urlsplit("XXXX").netloc is "", as for ""',
    "checks.rules.search.x_not_on_portal__mutmut_30":
        'urlsplit("XXXX").netloc is "", as for ""',
    "checks.rules.identity.x_footer_identity__mutmut_37":
        '"XXXX" holds no identity mark, like ""',
    "checks.rules.privacy.x_own_numbers__mutmut_17":
        '"XXXX" holds no mobile number, like ""',
    # checks/rules
    "checks.rules.catalog.x_match_catalog__mutmut_21":
        'duplicate synthetic ancestors come after the first of their path; only the first candidate / first well-placed one is used, and _record_matches skips columns without id',
    "checks.rules.catalog.x_match_catalog__mutmut_33":
        'the synthetic column\'s "parent" key is never read',
    "checks.rules.catalog.x_match_catalog__mutmut_34":
        'the synthetic column\'s "parent" key is never read',
    "checks.rules.catalog.x_fixed_kind__mutmut_6":
        'no fixed-entry pattern matches "XXXX", as none matches \'\'',
    "checks.rules.disclosure.x_missing_report__mutmut_3":
        'the loop steps down to the latest year whose deadline has passed from any start at or above it; as_of.year+1 is such a start',
    "checks.rules.disclosure.x_guide_text__mutmut_24":
        'at == 0 gives text[0:] == text',
    "checks.rules.disclosure.x_guide_text__mutmut_25":
        'at == 0 gives text[0:] == text',
    "checks.rules.freshness.x__says_empty__mutmut_4":
        'page_text never returns None, and "XXXX" holds none of the words',
    "checks.rules.freshness.x_disclosed_late__mutmut_32":
        'published == created is 0 days, which the `<= limit` skip drops anyway',
    "checks.rules.freshness.x_disclosed_late__mutmut_36":
        'at exactly `limit` calendar days workdays_between (days after created up to published) is at most `limit`, never more',
    "checks.rules.metadata.x_missing_metadata__mutmut_7":
        '"XXXX" holds no 规范性文件, as \'\' does not',
    "checks.rules.participation.x_short_consultations__mutmut_12":
        'URGENT matches nothing in "XXXX", as in \'\'',
    "checks.rules.participation.x__feedback_for__mutmut_7":
        'QUOTED needs 《》: nothing in "XXXX", as in \'\'',
    "checks.rules.participation.x__feedback_for__mutmut_33":
        'FEEDBACK matches nothing in "XXXX", as in \'\'',
    "checks.rules.participation.x__feedback_for__mutmut_40":
        'QUOTED needs 《》: nothing in "XXXX", as in \'\'',
    "checks.rules.participation.x__interp_pairs__mutmut_12":
        'the next statement sets index 0 to True anyway',
    "checks.rules.participation.x__interp_pairs__mutmut_28":
        'the next statement sets index 1 to True anyway',
    "checks.rules.participation.x__is_interp__mutmut_7":
        '解读 is not in "XXXX", as not in \'\'',
    "checks.rules.participation.x__is_interp__mutmut_12":
        '解读 is not in "XXXX", as not in \'\'',
    "checks.rules.participation.x_late_interpretation__mutmut_23":
        'same-day publication is 0 working days, never above the limit (differs only with a negative limit)',
    "checks.rules.privacy.x_valid_id__mutmut_45":
        'zip stops at the 17 weights, so number[:18] pairs the same 17 digits',
    "checks.rules.privacy.x_luhn__mutmut_12":
        'a doubled digit is even, never 9, so >= 9 and > 9 agree',
    "checks.rules.privacy.x_luhn__mutmut_18":
        'total % 10 == 0 exactly when -total % 10 == 0',
    "checks.rules.privacy.x_documents__mutmut_25":
        '"XXXX" holds no digits, so no number pattern matches, as in \'\'',
    "checks.rules.search.x_no_search__mutmut_85":
        'reached only with no entry and at least one probe, none working, so `failed` is never empty',
    "checks.rules.search.x_inconsistent_views__mutmut_63":
        '"" and None are both falsy for `if diff`',
    "checks.rules.search.x_inconsistent_views__mutmut_95":
        'the snapshot accepts only the five listing sources, all in SOURCE_NAMES',
    "checks.rules.search.x_inconsistent_views__mutmut_96":
        'the snapshot accepts only the five listing sources, all in SOURCE_NAMES',
    "checks.rules.search.x_inconsistent_views__mutmut_97":
        'the snapshot accepts only the five listing sources, all in SOURCE_NAMES',
    # extraction, dates (mx2 round)
    "crawler.dates.x_all_dates__mutmut_4":
        'without a default year a year-less match yields None and is skipped, and it never overlaps a full date (its lookarounds forbid neighbouring digits), so the same dates are found',
    "crawler.extract.document.x__alternation__mutmut_5":
        'reverse lexicographic order also puts every spelling before its own prefixes, the only spellings that can match at the same position',
    "crawler.extract.document.x__alternation__mutmut_8":
        'reverse lexicographic order also puts every spelling before its own prefixes, the only spellings that can match at the same position',
    "crawler.extract.document.x__parse__mutmut_7":
        'the XML declaration pattern is anchored at the start (^ without MULTILINE): it matches at most once whatever the count',
    "crawler.extract.document.x__parse__mutmut_9":
        'the XML declaration pattern is anchored at the start (^ without MULTILINE): it matches at most once whatever the count',
    "crawler.extract.document.x__parse__mutmut_15":
        'HTML tag names ignore case',
    "crawler.extract.document.x__parse__mutmut_19":
        'HTML tag names ignore case',
    "crawler.extract.forms.x__hint_text__mutmut_2":
        'the hints are only searched for words: "XX | XX" keeps two hints apart as " | " does',
    "crawler.extract.forms.x__hint_text__mutmut_4":
        'a missing hint read as "XXXX" holds no search word and, between separators, joins no two hints',
    "crawler.extract.forms.x__search_score__mutmut_42":
        '"xxxx" is no input or button type: it is treated as the missing "" it replaces',
    "crawler.extract.forms.x__search_score__mutmut_68":
        '"xxxx" is no query name: it fails the name test like ""',
    "crawler.extract.forms.x__search_score__mutmut_75":
        'scores are only compared with each other and with 0; 3 for every strong form ranks the forms as 2 does',
    "crawler.extract.forms.x_search_form__mutmut_19":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_form__mutmut_56":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_form__mutmut_62":
        'the type is read as `type or "text"`, never "", so the "" entry of the tuple is dead',
    "crawler.extract.forms.x_search_form__mutmut_82":
        'no score is above 2: after a strong form with a template no later form can replace it, so stopping early only saves work',
    "crawler.extract.forms.x_search_post_form__mutmut_19":
        'any method other than "post" is handled alike: "xxgetxx" is not "post", like "get"',
    "crawler.extract.forms.x_search_post_form__mutmut_20":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_post_form__mutmut_43":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_post_form__mutmut_49":
        'the type is read as `type or "text"`, never "", so the "" entry of the tuple is dead',
    "crawler.extract.forms.x_search_script__mutmut_18":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_script__mutmut_24":
        'the type is read as `type or "text"`, never "", so the "" entry of the tuple is dead',
    "crawler.extract.forms.x_search_script__mutmut_52":
        '"xxxx" is no query name: it fails the name test like ""',
    "crawler.extract.forms.x_search_script__mutmut_56":
        '"XXXX" code holds no quoted URL followed by "+", like ""',
    "crawler.extract.forms.x_search_script__mutmut_68":
        'the attribute is only kept when it contains "+", so the "XXXX" default is never used',
    "crawler.extract.forms.x_search_script__mutmut_85":
        'the attribute is only kept when it contains "+", so the "XXXX" default is never used',
    "crawler.extract.forms.x_search_script__mutmut_98":
        'only element [0] of the split is read; the part before the first separator is the same whatever the maxsplit',
    "crawler.extract.forms.x_search_script__mutmut_103":
        'only element [0] of the split is read; the part before the first separator is the same whatever the maxsplit',
    "crawler.extract.forms.x_search_box__mutmut_20":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x_search_box__mutmut_26":
        'the type is read as `type or "text"`, never "", so the "" entry of the tuple is dead',
    "crawler.extract.forms.x_search_box__mutmut_101":
        '"xxxx" is no query name: it fails the name test like ""',
    "crawler.extract.forms.x__pressed_button__mutmut_29":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x__pressed_button__mutmut_38":
        '"xxxx" is no input or button type: it is treated as the missing "" it replaces',
    "crawler.extract.forms.x__pressed_button__mutmut_45":
        'the text box is never one of the buttons, so no button shares its position and >= selects the same buttons as >',
    "crawler.extract.forms.x__pressed_button__mutmut_65":
        '"xxxx" is no input or button type: it is treated as the missing "" it replaces',
    "crawler.extract.forms.x__form_template__mutmut_11":
        'the default is lower-cased before it is compared, so it reads as the lower-case one',
    "crawler.extract.forms.x__form_template__mutmut_26":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.forms.x__form_template__mutmut_46":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.forms.x__form_template__mutmut_68":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.forms.x__form_template__mutmut_106":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.forms.x__form_template__mutmut_113":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.forms.x__form_template__mutmut_118":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.links.x__with_request_data__mutmut_79":
        "keys match [\\w\\-]+ and never hold a '/', so quote(k) with its default safe='/' equals safe=''",
    "crawler.extract.links.x__with_request_data__mutmut_80":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.links.x__with_request_data__mutmut_84":
        "quote()'s default safe is '/', the value given",
    "crawler.extract.links.x__with_request_data__mutmut_85":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.links.x_datastore_next_groups__mutmut_4":
        '"XXXX" holds no total tag, like ""',
    "crawler.extract.links.x_datastore_next_groups__mutmut_25":
        'a missing parameter fails isdigit() as "XXXX" as it does as ""',
    "crawler.extract.links.x_datastore_next_groups__mutmut_33":
        'a missing parameter fails isdigit() as "XXXX" as it does as ""',
    "crawler.extract.links.x_datastore_next_groups__mutmut_83":
        "quote()'s default safe is '/', the value given",
    "crawler.extract.links.x_datastore_next_groups__mutmut_84":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.links.x_datastore_next_groups__mutmut_88":
        "quote()'s default safe is '/', the value given",
    "crawler.extract.links.x_datastore_next_groups__mutmut_95":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.links.x_xml_as_html__mutmut_3":
        'as_data=None is falsy like False',
    "crawler.extract.links.x__datastore_groups__mutmut_5":
        '"XXXX" holds no total, page size or nextgroup, like ""',
    "crawler.extract.links.x__datastore_groups__mutmut_23":
        '"XXXX" holds no total, page size or nextgroup, like ""',
    "crawler.extract.links.x__label_for__mutmut_9":
        'the memo only saves work: with a None key nothing is remembered and every link works out the same label',
    "crawler.extract.links.x__label_for__mutmut_15":
        'an <a> sibling passes either way: _sibling_label rejects the tag and it holds a link (itself), so it is not prose',
    "crawler.extract.links.x__label_for__mutmut_19":
        'an <a> sibling passes either way: _sibling_label rejects the tag and it holds a link (itself), so it is not prose',
    "crawler.extract.links.x__label_for__mutmut_20":
        'an <a> sibling passes either way: _sibling_label rejects the tag and it holds a link (itself), so it is not prose',
    "crawler.extract.links.x__label_for__mutmut_34":
        'returning None at once gives the same answer as breaking with None; only the memo is left unfilled',
    "crawler.extract.links.x__label_for__mutmut_45":
        'returning None at once gives the same answer as breaking with None; only the memo is left unfilled',
    "crawler.extract.links.x_labelled_links__mutmut_5":
        'the cache key is only read back by this function, under the same spelling',
    "crawler.extract.links.x_labelled_links__mutmut_6":
        'the cache key is only read back by this function, under the same spelling',
    "crawler.extract.links.x_labelled_links__mutmut_35":
        'the anchor-text cache only saves work',
    "crawler.extract.links.x_labelled_links__mutmut_37":
        'the anchor-text cache only saves work',
    "crawler.extract.metadata.x__label_field__mutmut_11":
        'a text whose label key is a known label ends in a label character, a colon or a bracket, never in X',
    "crawler.extract.metadata.x__line_from__mutmut_3":
        'every caller passes a non-empty start text (a tail or text it has just matched)',
    "crawler.extract.metadata.x__value_after__mutmut_8":
        'a whitespace-normalised tail is empty after stripping colons from the left exactly when it is all colons, as from the right',
    "crawler.extract.metadata.x__inline_pairs__mutmut_4":
        'every line given to _inline_pairs starts, after at most a bracket, with a label and a colon, so there is always a first match and only brackets or spaces before it',
    "crawler.extract.metadata.x__inline_pairs__mutmut_8":
        'every line given to _inline_pairs starts, after at most a bracket, with a label and a colon, so there is always a first match and only brackets or spaces before it',
    "crawler.extract.metadata.x__inline_pairs__mutmut_45":
        'a slice ending at None ends at len(line)',
    "crawler.extract.metadata.x__ends_value__mutmut_8":
        'lines are stripped: at position 0 line[-1], and at 1 line[0], is never whitespace',
    "crawler.extract.metadata.x__ends_value__mutmut_9":
        'lines are stripped: at position 0 line[-1], and at 1 line[0], is never whitespace',
    "crawler.extract.metadata.x__undouble__mutmut_3":
        'values are whitespace-normalised, so equal halves come only from splitting at n//2 (and (n+1)//2 for odd n); the first candidate never adds a match',
    "crawler.extract.metadata.x__undouble__mutmut_4":
        'values are whitespace-normalised, so equal halves come only from splitting at n//2 (and (n+1)//2 for odd n); the first candidate never adds a match',
    "crawler.extract.metadata.x__undouble__mutmut_5":
        'values are whitespace-normalised, so equal halves come only from splitting at n//2 (and (n+1)//2 for odd n); the first candidate never adds a match',
    "crawler.extract.metadata.x_metadata__mutmut_77":
        'a slice from None starts at 0',
    "crawler.extract.metadata.x_metadata__mutmut_93":
        'a slice from None starts at 0',
    "crawler.extract.urls.x__resolve__mutmut_11":
        'the host-root shortcut only picks which base string is joined (and cached): urljoin gives the same URL for a host-absolute or absolute href from any URL of that scheme and host',
    "crawler.extract.urls.x__resolve__mutmut_12":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_13":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_14":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_15":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_16":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_18":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_24":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_25":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_28":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_30":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_35":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_37":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__resolve__mutmut_38":
        'the host-root shortcut only picks which base string is joined: urljoin gives the same URL',
    "crawler.extract.urls.x__page_param__mutmut_2":
        'blank values are never digits, so dropping them changes nothing',
    "crawler.extract.urls.x__page_param__mutmut_4":
        'blank values are never digits, so dropping them changes nothing',
    "crawler.extract.urls.x__page_param__mutmut_6":
        'blank values are never digits, so dropping them changes nothing',
    "crawler.extract.urls.x__with_param__mutmut_25":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.urls.x__with_param__mutmut_30":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.urls.x__page_no__mutmut_8":
        "the last element of rsplit('/') is the same whatever the split count",
    "crawler.extract.urls.x__page_no__mutmut_12":
        "the last element of rsplit('/') is the same whatever the split count",
    "crawler.extract.urls.x__strip_page_param__mutmut_18":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    "crawler.extract.urls.x__strip_page_param__mutmut_23":
        'quote() never escapes ASCII letters, so X in `safe` changes nothing',
    # extraction: listings, pagination, page (mx1 round)
    "crawler.extract.listings.x__row_date__mutmut_1":
        'the only caller tests the result for truth; "" is as falsy as None',
    "crawler.extract.listings.x__table_listings__mutmut_70":
        "table rows are appended first; a second entry for the same link has the same URL, and the stable sort plus URL de-dup keep the table's",
    "crawler.extract.listings.x__table_listings__mutmut_106":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__table_listings__mutmut_108":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__make_listing__mutmut_35":
        'parse_date returns None for None or ""',
    "crawler.extract.listings.x_listings__mutmut_13":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x_listings__mutmut_23":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__listings_of__mutmut_7":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__listings_of__mutmut_27":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__listings_of__mutmut_29":
        'anchors is only a cache of the same link texts',
    "crawler.extract.listings.x__listings_of__mutmut_34":
        '"" and None are both falsy and date_text is replaced before use',
    "crawler.extract.listings.x__listings_of__mutmut_44":
        'the link itself is skipped anyway because its href equals own_href',
    "crawler.extract.listings.x__listings_of__mutmut_77":
        'positions among all elements order links as positions among links do',
    "crawler.extract.listings.x__listings_of__mutmut_83":
        'every link in out comes from root.iter("a"), so the default is never used',
    "crawler.extract.listings.x__listings_of__mutmut_85":
        'every link in out comes from root.iter("a"), so the default is never used',
    "crawler.extract.listings.x__listings_of__mutmut_87":
        'every link in out comes from root.iter("a"), so the default is never used',
    "crawler.extract.pagination.x__pages_upto__mutmut_28":
        'rsplit("/") without maxsplit gives the same last piece',
    "crawler.extract.pagination.x__pages_upto__mutmut_31":
        'rsplit("/", 2) gives the same last piece',
    "crawler.extract.pagination.x__pages_from_count__mutmut_32":
        'rsplit("/") without maxsplit gives the same last piece',
    "crawler.extract.pagination.x__pages_from_count__mutmut_35":
        'rsplit("/", 2) gives the same last piece',
    "crawler.extract.pagination.x__call_pager__mutmut_79":
        'rsplit("/") without maxsplit gives the same last piece',
    "crawler.extract.pagination.x__call_pager__mutmut_83":
        'rsplit("/", 2) gives the same last piece',
    "crawler.extract.pagination.x__call_pager__mutmut_92":
        'a page count of 1 gives no pages whatever one_based is',
    "crawler.extract.pagination.x__pager_links__mutmut_15":
        'an <a> of a parsed page always has a parent; the branch is never taken',
    "crawler.extract.pagination.x__pager_links__mutmut_16":
        "box is assigned on the loop's first pass (the list always holds parent)",
    "crawler.extract.pagination.x_pagination__mutmut_170":
        'when the list URL has a page parameter its canonical form keeps it, so no URL stripped of page parameters equals it',
    "crawler.extract.pagination.x__canon__mutmut_19":
        'hosts here are ASCII (w3lib IDNA-encodes response URLs) or CJK, which has no case: upper() and lower() fold them alike',
    "crawler.extract.pagination.x__canon__mutmut_20":
        'every canonical URL gets the same fragment; canonical forms are only compared with each other',
    "crawler.extract.pagination.x__data_page_count__mutmut_15":
        'elements without data- attributes (and comments, whose attrib is empty) give no count either way; the check is a shortcut',
    "crawler.extract.pagination.x__data_page_count__mutmut_26":
        '"XXXX" is no more a digit string than ""',
    "crawler.extract.pagination.x__data_page_count__mutmut_45":
        '"XXXX" is no more a digit string than ""',
    "crawler.extract.pagination.x__data_page_count__mutmut_53":
        '"XXXX" is no more a digit string than ""',
    "crawler.extract.pagination.x__name_kind__mutmut_20":
        'n is lower-case, so uppercase X never matches; "" is in both strings',
    "crawler.extract.pagination.x__name_kind__mutmut_22":
        '"XXXX" is no name of any kind (names are compared lower-case)',
    "crawler.extract.pagination.x__name_kind__mutmut_29":
        '"XXXX" is no name of any kind (names are compared lower-case)',
    "crawler.extract.pagination.x__split_args__mutmut_6":
        '"" ends a quote as None does (both falsy)',
    "crawler.extract.pagination.x__concat_template__mutmut_13":
        'the URL-shape check reads only \\w/\\S classes; "XX1XX" fits wherever "1" does',
    "crawler.extract.pagination.x__js_link_pages__mutmut_17":
        '"xxxx" does not start with "javascript" any more than "" does',
    "crawler.extract.pagination.x__js_link_pages__mutmut_22":
        '"XXXX" holds no "(n)" argument',
    "crawler.extract.pagination.x__js_link_pages__mutmut_29":
        '"XXXX" holds no "(n)" argument',
    "crawler.extract.pagination.x__script_pager__mutmut_46":
        'with a page count known, the text scan only adds other kinds and the page count decides',
    "crawler.extract.pagination.x__script_pager__mutmut_47":
        'with a page count known, the text scan only adds other kinds and the page count decides',
    "crawler.extract.pagination.x_form_fields__mutmut_71":
        'the default type only has to be none of the no-value and checkable types',
    "crawler.extract.pagination.x_form_fields__mutmut_72":
        '"TEXT".lower() is "text"',
    "crawler.extract.pagination.x__postback_form__mutmut_33":
        '"xxxx" is no more "post" than ""',
    "crawler.extract.pagination.x_postback_pages__mutmut_20":
        '"XXXX" in place of a missing href holds no __doPostBack(...) call',
    "crawler.extract.pagination.x_postback_pages__mutmut_26":
        '"XXXX" in place of a missing onclick holds no __doPostBack(...) call',
    "crawler.extract.pagination.x_postback_pages__mutmut_162":
        'the loop runs at most once (nexts[:1])',
    "crawler.extract.page.x__shown_in_body__mutmut_18":
        'an <a> is never "shown" (el.iter("a") yields the link itself), so skipping links early changes nothing',
    "crawler.extract.page.x__shown_in_body__mutmut_24":
        'an <a> is never "shown", so skipping links early changes nothing',
    "crawler.extract.page.x__shown_in_body__mutmut_25":
        'an <a> is never "shown", so skipping links early changes nothing',
    "crawler.extract.page.x__shown_in_body__mutmut_29":
        'an element without text or children has _text "" and never equals a text of 4+ characters',
    "crawler.extract.page.x__title_like__mutmut_29":
        '"XXXX" is no prose punctuation either',
    "crawler.extract.page.x__title_like__mutmut_30":
        '。 is also in _PROSE_PUNCT, which the line already excludes',
    "crawler.extract.page.x__title_like__mutmut_34":
        'the text comes from _inline_text, whose lines are stripped, so lstrip and rstrip leave the same end',
    "crawler.extract.page.x__title_block__mutmut_84":
        'the text comes from _inline_text, whose lines are stripped, so lstrip and rstrip leave the same end',
    "crawler.extract.page.x__next_block_after__mutmut_1":
        'None is as falsy as False',
    "crawler.extract.page.x__link_density__mutmut_2":
        'only called with the length of a non-empty text',
    "crawler.extract.page.x__body_blocks__mutmut_50":
        'th elements are never blocks (root.iter takes p/div/td/section/article only)',
    "crawler.extract.page.x__body_blocks__mutmut_51":
        'th elements are never blocks (root.iter takes p/div/td/section/article only)',
    "crawler.extract.page.x__body_container__mutmut_4":
        'blocks are p/div/td/section/article elements, which always have a parent',
    "crawler.extract.page.x_breadcrumb__mutmut_43":
        '_CRUMB_RE is anchored at the start, so there is at most one match',
    "crawler.extract.page.x_breadcrumb__mutmut_46":
        '_CRUMB_RE is anchored at the start, so there is at most one match',
    "crawler.extract.page.x_breadcrumb__mutmut_13":
        'parent[None:] is parent[0:]',
    "crawler.extract.page.x_title__mutmut_45":
        'a heading of 2+ characters never equals the default (None or "")',
    "crawler.extract.page.x_title__mutmut_47":
        'a heading of 2+ characters never equals the default (None or "")',
    "crawler.extract.page.x_footer_identity__mutmut_3":
        '"" and None both make the text search run, and a failed search gives None',
    "crawler.extract.page.x_footer_identity__mutmut_13":
        '"xxxx" is no more "siteidcode" than ""',
}


def results(mutants: Path) -> tuple[dict[str, Counter], dict[str, list[str]]]:
    """Module path → Counter of mutant statuses, and module path → the survivors' lines.

    Only a survivor can be equivalent: a listed name that a test kills is counted killed and
    reported as stale (mutmut renumbers a function's mutants when it changes)."""
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = meta.relative_to(mutants).as_posix()[: -len(".meta")]
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            if name in EQUIVALENT:
                if status in KILLED:
                    survivors[module].append(f"{name}: listed as equivalent but killed (stale entry)")
                elif status == "survived":
                    status = "equivalent"
            by_module[module][status] += 1
            if status not in KILLED and status not in ("equivalent", "not checked", "skipped"):
                survivors[module].append(f"{name}: {status}")
    return by_module, survivors


def score(c: Counter) -> tuple[int, int, float | None]:
    """(killed, mutants tried, share killed); the share is None when none was tried yet."""
    total = sum(n for s, n in c.items() if s not in ("equivalent", "skipped", "not checked"))
    killed = sum(c[s] for s in KILLED)
    return killed, total, killed / total if total else None


def percent(share: float | None) -> str:
    return "未测" if share is None else f"{share:.1%}"


def group_of(module: str):
    return next(((name, target) for prefix, name, target in GROUPS if module.startswith(prefix)), (module, None))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    ap.add_argument("--survivors", action="store_true", help="list every surviving mutant")
    args = ap.parse_args(argv)
    if not args.mutants.is_dir():
        print(f"没有找到 {args.mutants}：请先运行 make mutation", file=sys.stderr)
        return 2
    by_module, survivors = results(args.mutants)
    print("| module | mutants | killed | survived | no test | not run yet | score |")
    print("|---|---|---|---|---|---|---|")
    groups: dict[str, Counter] = defaultdict(Counter)
    for module, c in sorted(by_module.items()):
        killed, total, share = score(c)
        print(f"| {module} | {total} | {killed} | {c['survived']} | {c['no tests']} | {c['not checked']} "
              f"| {percent(share)} |")
        groups[group_of(module)] += c
    print()
    print("| group | mutants | killed | score | target |")
    print("|---|---|---|---|---|")
    missed = 0
    for (name, target), c in groups.items():
        killed, total, share = score(c)
        ok = target is None or (share is not None and share >= target)
        missed += not ok
        print(f"| {name} | {total} | {killed} | {percent(share)} | {f'≥ {target:.0%}' if target else ''}"
              f"{'' if ok else ' (未达标)'} |")
    if args.survivors:
        for module, names in sorted(survivors.items()):
            print(f"\n{module}")
            for n in names:
                print(f"  {n}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
