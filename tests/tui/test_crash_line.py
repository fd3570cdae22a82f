"""An error nobody caught in the interface: one line in the user's language, exit 1."""

import pytest
from support import settle


async def test_an_error_nobody_caught_is_one_line_in_the_users_language(fixture_db, app_for, monkeypatch):
    monkeypatch.delenv("INSPECTOR_DEBUG", raising=False)
    app = app_for(fixture_db)
    printed = []
    monkeypatch.setattr(app, "_print_error_renderables", lambda: printed.extend(app._exit_renderables))
    with pytest.raises(KeyError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)

            def broken():
                raise KeyError("inspectors")

            app.call_later(broken)
            await pilot.pause()
    said = [str(r) for r in printed]
    assert len(said) == 1 and said[0].startswith("程序内部出错") and "KeyError: 'inspectors'" in said[0]
    assert app.return_code == 1
