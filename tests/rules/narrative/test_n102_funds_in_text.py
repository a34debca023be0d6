from rules.narrative.helpers import at, base_report, n_found


def test_rate_budget_and_execution_each_fire_at_the_funds_sentence(tmp_path):
    for i, change in enumerate(({"rate": "97%"}, {"budget": "110万元"}, {"executed": "9.5万元"})):
        assert n_found(base_report(tmp_path / f"r{i}.docx", **change), "N102") == [("N102", "报告", at("funds"))]


def test_units_are_converted_and_rounding_is_allowed(tmp_path):
    # The table is in 元: 100万元 = 1000000 元, 96.0万元 = 960000 元; 96.00% is 96%.
    for i, change in enumerate(({"executed": "96.0万元"}, {"budget": "1000000元"}, {"rate": "96.00%"},
                                {"budget": "0.01亿元"})):
        assert n_found(base_report(tmp_path / f"r{i}.docx", **change), "N102") == []


def test_a_rate_one_percent_off_is_a_finding(tmp_path):
    # 95% and 96% cannot be one rate written twice (round half up).
    assert n_found(base_report(tmp_path / "r.docx", rate="95%"), "N102") == [("N102", "报告", at("funds"))]


def test_full_width_and_thousands_separators(tmp_path):
    assert n_found(base_report(tmp_path / "a.docx", executed="９６０，０００元"), "N102") == []
    assert n_found(base_report(tmp_path / "b.docx", executed="９７０，０００元"), "N102") == [("N102", "报告", at("funds"))]
