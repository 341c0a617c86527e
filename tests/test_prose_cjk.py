"""License statements in Chinese, Japanese and Korean model cards (licscan/matching/cjk.py).

An honest bilingual card ("本项目遵循 Apache 2.0 协议") passes when it agrees with the metadata and
the files; a CJK sentence that negates, tells history, compares or qualifies never establishes
a license, and a restriction after the name stays for a person to read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    check,
    license_text,
    model_folder,
)
from tests.helpers import run_cli

CONFLICT = "LS302"


def identify(tmp_path: Path, body: str, name: str = "README.md") -> dict[str, object]:
    """``licscan identify`` of a model card holding ``body``: its JSON result."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    run = run_cli("identify", str(path), "--format", "json")
    assert run.code in (0, 1), (run.code, run.err)
    files = json.loads(run.out)["files"]
    assert len(files) == 1, run.out[:400]
    result: dict[str, object] = files[0]
    return result


def stated(result: dict[str, object]) -> set[str]:
    detections = result.get("detections") or []
    assert isinstance(detections, list)
    return {str(d["license"]) for d in detections}


def unexplained(result: dict[str, object]) -> list[str]:
    passages = result.get("unexplained") or []
    assert isinstance(passages, list)
    return [str(p["text"]) for p in passages]


def card(sentence: str, section: bool = True) -> str:
    """A Chinese model card holding ``sentence`` under a License heading ("## 协议"), where every
    word is held to account, or (``section`` False) in its description, where only license-
    bearing sentences are."""
    heading = "## 协议\n\n" if section else ""
    return f"# 示例模型\n\n这是一个用于对话的语言模型。\n\n{heading}{sentence}\n"


@pytest.mark.parametrize(("sentence", "license_id"), [
    ("本模型采用MIT许可证。", "mit"),
    ("许可证：MIT", "mit"),
    ("本项目遵循 Apache 2.0 协议。", "apache-2.0"),
    ("本仓库的代码依照 [Apache-2.0](https://www.apache.org/licenses/LICENSE-2.0) 协议开源。",
     "apache-2.0"),
    ("本模型基于 Apache 2.0 许可证发布。", "apache-2.0"),
    ("本模型的许可证为 Apache 2.0。", "apache-2.0"),
    ("本項目採用 MIT 授權。", "mit"),
    ("本モデルはApache 2.0ライセンスの下で公開されています。", "apache-2.0"),
    ("ライセンス: MIT", "mit"),
    ("이 모델은 MIT 라이선스를 따릅니다.", "mit"),
    ("라이선스: Apache 2.0", "apache-2.0"),
    # forms real READMEs use
    ("Yi 系列模型的代码和权重遵循 [Apache 2.0 许可证](https://github.com/01-ai/Yi/blob/main/LICENSE)。",
     "apache-2.0"),
    ("本项目以 GPL-3.0 协议开源。", "gpl-3.0-only"),
    ("本软件基于 MIT 协议开源发布。", "mit"),
    ("| 开源协议 | MIT |", "mit"),
    ("このプロジェクトは MIT ライセンスの下で公開されています。", "mit"),
    ("本プラグインはMITライセンスの下で公開しています。", "mit"),
    ("本モデルのライセンスはMITです。", "mit"),
    ("本モデルはMITライセンスに基づいて公開されています。", "mit"),
    ("ソースコードは[Apache 2.0 License](./LICENSE)の下でライセンスされています。", "apache-2.0"),
    ("Qwen-7Bは[Tongyi Qianwen LICENSE AGREEMENT](./LICENSE)に基づいてライセンスされています。",
     "tongyi-qianwen"),
    ("本模型基于 MIT License 发布。", "mit"),
    ("이 모델의 라이선스는 Apache 2.0입니다.", "apache-2.0"),
])
@pytest.mark.parametrize("section", [True, False])
def test_an_honest_cjk_statement_is_read_and_explains_its_sentence(
        tmp_path: Path, sentence: str, license_id: str, section: bool) -> None:
    result = identify(tmp_path, card(sentence, section))
    assert stated(result) == {license_id}, result
    assert unexplained(result) == [], result


@pytest.mark.parametrize("sentence", [
    "本模型不是MIT许可证。",
    "本模型此前采用MIT许可证。",
    "与 Llama 不同，本模型采用MIT许可证。",
    "如果采用MIT许可证，则需另行说明。",
    "本モデルはMITライセンスではありません。",
    "이 모델은 MIT 라이선스가 아닙니다.",
    "本模型采用Qwen架构。",
    "本模型计划采用 MIT 许可证。",
    "本機能はQwenで提供されています。",
    "以 MIT License 为例。",
    "本项目基于 Llama 2 开发。",
    "本模型采用Qwen-7B许可证。",
    "本模型采用MIT许可证和Apache 2.0许可证仅供研究。",
])
def test_a_negation_history_comparison_or_mere_mention_establishes_no_license(
        tmp_path: Path, sentence: str) -> None:
    result = identify(tmp_path, card(sentence))
    assert stated(result) == set(), result


@pytest.mark.parametrize(("sentence", "rest"), [
    ("本模型采用MIT许可证，仅限非商业用途。", "仅限非商业用途"),
    ("本模型采用MIT许可证仅供研究使用。", "仅供研究使用"),
    ("仅供研究的模型采用MIT许可证。", "仅供研究的模型"),
    ("本项目遵循 Apache 2.0 协议，模型权重仅供学术研究使用。", "仅供学术研究使用"),
    ("本モデルはMITライセンスの下で公開されています。商用利用は禁止です。", "商用利用は禁止です"),
    ("本模型采用MIT许可证，有效期至2025年12月31日。", "有效期至2025年12月31日"),
    ("本模型采用MIT(仅供研究)许可证。", "仅供研究"),
    ("| 许可证 | MIT 仅供研究 |", "仅供研究"),
    ("本项目采用MIT许可证，但模型权重除外。", "但模型权重除外"),
    ("本モデルはMITライセンスの下で公開されています、ただし重みは除く。", "ただし重みは除く"),
    ("이 모델은 MIT 라이선스를 따릅니다, 비영리 연구 목적으로만 사용할 수 있습니다.", "연구"),
])
@pytest.mark.parametrize("section", [True, False])
def test_a_qualifier_beside_the_name_stays_unexplained(tmp_path: Path, sentence: str,
                                                      rest: str, section: bool) -> None:
    result = identify(tmp_path, card(sentence, section))
    assert any(rest in p for p in unexplained(result)), result


def test_each_clause_states_its_own_part(tmp_path: Path) -> None:
    result = identify(tmp_path, card("代码采用 Apache 2.0 协议，权重采用 CC BY-NC 4.0 协议。"))
    assert stated(result) == {"apache-2.0", "cc-by-nc-4.0"}, result


@pytest.mark.parametrize("section", [True, False])
def test_a_statement_never_absorbs_another_license_named_before_it(tmp_path: Path,
                                                                  section: bool) -> None:
    result = identify(tmp_path, card("权重采用CC BY-NC许可证而代码采用MIT许可证。", section))
    assert any("BY-NC" in p or "BY NC" in p for p in unexplained(result)) or (
        "cc-by-nc-4.0" in stated(result)), result


def test_a_name_linking_to_another_page_states_nothing(tmp_path: Path) -> None:
    """As in English: the terms are the page linked to, which licscan has not read."""
    result = identify(tmp_path, card("本项目遵循 [MIT 许可证](https://acme.example/nc-terms.html)。"))
    assert stated(result) == set(), result
    assert unexplained(result), result


def test_an_unknown_license_named_in_chinese_stays_unexplained(tmp_path: Path) -> None:
    result = identify(tmp_path, card("模型权重的使用则需要遵循《Model License》。"))
    assert stated(result) == set(), result
    assert unexplained(result), result


# --- a model folder judged with its translated card --------------------------------------------


def folder_with(tmp_path: Path, translated: str, license_id: str = "apache-2.0",
                name: str = "README_zh.md") -> Path:
    return model_folder(tmp_path, {"license": license_id},
                        {"LICENSE": license_text(license_id), name: card(translated)})


@pytest.mark.parametrize(("name", "sentence"), [
    ("README_zh.md", "本项目遵循 Apache 2.0 协议。"),
    ("README_CN.md", "本仓库的代码依照 Apache-2.0 协议开源。"),
    ("README_ja.md", "本モデルはApache 2.0ライセンスの下で公開されています。"),
    ("README_ko.md", "라이선스: Apache 2.0"),
])
def test_a_translated_card_that_agrees_passes(tmp_path: Path, hub_env: dict[str, str],
                                              name: str, sentence: str) -> None:
    folder = folder_with(tmp_path, sentence, name=name)
    assert_passes(check(str(folder), env=hub_env))


def test_a_translated_card_for_research_only_does_not_pass(tmp_path: Path,
                                                           hub_env: dict[str, str]) -> None:
    folder = folder_with(tmp_path, "本项目遵循 Apache 2.0 协议，仅供学术研究使用。")
    answer = check(str(folder), env=hub_env)
    assert answer.code != 0 and answer.verdict != "pass", str(answer)
    assert answer.rules & ADDED_TERMS, str(answer)


def test_a_translated_card_naming_another_license_conflicts(tmp_path: Path,
                                                            hub_env: dict[str, str]) -> None:
    folder = folder_with(tmp_path, "本模型采用MIT许可证。")
    assert_fails(check(str(folder), env=hub_env), {CONFLICT})


def test_a_translated_card_that_denies_the_license_does_not_pass(
        tmp_path: Path, hub_env: dict[str, str]) -> None:
    folder = folder_with(tmp_path, "本模型不采用 Apache 2.0 协议。")
    answer = check(str(folder), env=hub_env)
    assert answer.code != 0 and answer.verdict != "pass", str(answer)
