"""一键排版: offered per paragraph at 检查并提交, applied only where the 填报人 accepts, printed as kept."""
import pytest

from reports.exports.service import report_document
from reports.services import report_data, report_write
from reports.tidy import paragraph_tidy, text_tidy_proposals
from tests.drafting.conftest import step_url

pytestmark = pytest.mark.django_db

MESSY = "- (1) 认识有待提高, 缺乏主动性。\n正常的段落，无需排版。\n我局将根据新要求 and 公众关切，规范公开内容。"


@pytest.mark.parametrize(("before", "after"), [
    ("- (1) 对政府信息公开工作认识不足, 缺乏主动性。", "（1）对政府信息公开工作认识不足，缺乏主动性。"),
    ("(一) 加强组织领导。", "（一）加强组织领导。"),
    ("根据新要求 and 公众关切，规范内容。", "根据新要求和公众关切，规范内容。"),
    ("本报告(简称报告)如下: 一是加强领导; 二是健全制度。", "本报告（简称报告）如下：一是加强领导；二是健全制度。"),
    ("• 主动公开信息 12 条。", "主动公开信息 12 条。"),
    # Left alone: numbers, addresses, bold markers, text already in order.
    ("电话：0379-12345678, 邮箱：gk@example.gov.cn。", "电话：0379-12345678, 邮箱：gk@example.gov.cn。"),
    ("**一是强化领导。**全年开会 2 次。", "**一是强化领导。**全年开会 2 次。"),
    ("2024年，共收到申请3件（其中1件为2023年结转）。", "2024年，共收到申请3件（其中1件为2023年结转）。"),
])
def test_paragraph_tidy(before, after):
    assert paragraph_tidy(before) == after


def test_the_check_page_offers_each_messy_paragraph(editor_client, report):
    report_write(report=report, texts={"text.problems": MESSY})
    page = editor_client.get(step_url(report, "check")).content.decode()
    assert "TEXT-LAYOUT" in page and "一键排版" in page
    assert page.count('class="tidy-proposal') == 2
    assert "（1）认识有待提高，缺乏主动性。" in page and "新要求和公众关切" in page


def test_accepting_one_paragraph_changes_that_paragraph_only(editor_client, report):
    report_write(report=report, texts={"text.problems": MESSY})
    [first, second] = text_tidy_proposals("text.problems", MESSY)
    url = f"/reports/{report.agency.code}/{report.year}/tidy/"
    response = editor_client.post(url, {"key": first.key, "index": first.index, "expected": first.before})
    assert response.status_code == 302 and response["Location"].endswith("/steps/check/#tidy")
    text = report_data(report).text("text.problems")
    assert text.split("\n") == [first.after, "正常的段落，无需排版。", second.before]
    # The export prints what was kept: the second paragraph as it was typed.
    printed = [b.text for b in report_document(report).blocks if b.kind == "paragraph"]
    assert first.after in printed and second.before in printed
    # A proposal for a paragraph that changed since it was shown does nothing.
    editor_client.post(url, {"key": first.key, "index": first.index, "expected": first.before})
    assert report_data(report).text("text.problems") == text


def test_only_an_editor_may_tidy(client, report, agency):
    from agencies.models import Role
    from tests.factories import PASSWORD, MembershipFactory

    report_write(report=report, texts={"text.problems": MESSY})
    [first, _second] = text_tidy_proposals("text.problems", MESSY)
    url = f"/reports/{report.agency.code}/{report.year}/tidy/"
    payload = {"key": first.key, "index": first.index, "expected": first.before}
    assert client.post(url, payload).status_code == 302  # to the login page
    approver = MembershipFactory(agency=agency, role=Role.APPROVER).user
    client.login(username=approver.username, password=PASSWORD)
    assert client.post(url, payload).status_code in (403, 404)
    assert "tidy-proposal" not in client.get(step_url(report, "check")).content.decode()
    assert report_data(report).text("text.problems") == MESSY


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_tidy_one_paragraph_in_the_browser(page, live_server, complete_report, width, height):
    from tests.drafting.conftest import SCREENSHOTS, log_in

    report, editor = complete_report
    report_write(report=report, texts={"text.problems": MESSY})
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, editor)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert page.goto(f"{live_server.url}{step_url(report, 'check')}#tidy").ok
    page.locator("#tidy").screenshot(path=SCREENSHOTS / f"{width}-tidy.png")
    page.locator(".tidy-proposal").first.get_by_role("button", name="一键排版").click()
    page.wait_for_url("**/steps/check/#tidy")
    assert page.locator(".tidy-proposal").count() == 1
    page.screenshot(path=SCREENSHOTS / f"{width}-tidy-after.png", full_page=True)
    assert report_data(report).text("text.problems").startswith("（1）认识有待提高，缺乏主动性。")
