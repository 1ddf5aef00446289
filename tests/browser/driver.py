"""Headless chromium driven by Selenium, and what the browser tests do with it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = ROOT / "dev" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (390, 844)
DESKTOP = (1366, 900)
WAIT = 20


@dataclass
class Portal:
    url: str
    admin: dict[str, str]


def chromium() -> webdriver.Chrome:
    """Debian's chromium and chromedriver; Selenium Manager never downloads anything."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            raise RuntimeError(f"{path} is missing: run `make install` (dev/system-packages.sh installs {package})")
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=fa-IR", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


class Browser:
    def __init__(self, driver: webdriver.Chrome, portal: Portal):
        self.driver = driver
        self.portal = portal

    # --- navigation --------------------------------------------------------------
    def reset(self) -> None:
        """Logged out (no cookies) at desktop width."""
        self.driver.get(self.portal.url + "/api/3/action/status_show")
        self.driver.delete_all_cookies()
        self.size(*DESKTOP)

    def size(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)
        # The window's outer size includes no chrome when headless, but make sure.
        inner = self.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        if inner[0] != width:
            self.driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])

    def open(self, path: str) -> None:
        self.driver.get(self.portal.url + path)

    @property
    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.portal.url)

    def login(self, name: str, password: str) -> None:
        self.open("/user/login")
        self.find("#field-login").send_keys(name)
        self.find("#field-password").send_keys(password)
        self.find("#field-password").submit()
        self.wait_for("form[action$='/user/_logout']")

    def login_admin(self) -> None:
        self.login(self.portal.admin["name"], self.portal.admin["password"])

    # --- finding -----------------------------------------------------------------
    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, css: str, timeout: int = WAIT) -> WebElement:
        return WebDriverWait(self.driver, timeout).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def wait_visible(self, css: str, timeout: int = WAIT) -> WebElement:
        return WebDriverWait(self.driver, timeout).until(
            ec.visibility_of_element_located((By.CSS_SELECTOR, css))
        )

    def wait_until(self, script: str, timeout: int = WAIT) -> Any:
        """Wait until the JavaScript expression is truthy; returns its value."""
        return WebDriverWait(self.driver, timeout).until(
            lambda d: d.execute_script(f"return ({script});")
        )

    def text(self) -> str:
        return self.find("body").text

    def fill(self, css: str, value: str) -> None:
        element = self.find(css)
        element.clear()
        element.send_keys(value)

    def select(self, css: str, value: str) -> None:
        """Choose an option of a <select> by value (select2 or not)."""
        self.driver.execute_script(
            "const s = document.querySelector(arguments[0]);"
            "for (const o of s.options) { if (o.value === arguments[1]) o.selected = true; }"
            "s.dispatchEvent(new Event('change', {bubbles: true}));"
            "if (window.jQuery) { jQuery(s).trigger('change'); }",
            css, value,
        )

    def click(self, css: str) -> None:
        element = self.find(css)
        # 'instant': Bootstrap's smooth scrolling would still be moving the page when the
        # click lands (Chromium then reports the click as intercepted by another element).
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
        )
        element.click()

    # --- accessibility -----------------------------------------------------------
    def axe(self, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
        """axe-core's violations of the given impacts on the current page and in its frames.

        axe checks a frame only when it runs inside it too, so it is injected into each
        iframe (the data previews) as well. Each violation is reduced to its rule, impact,
        frame and first few offending elements, so that a failing assertion says what to fix.
        """
        if not AXE.exists():
            raise RuntimeError(f"{AXE} is missing: run `make install` (npm ci in dev/browser)")
        found = self._axe_here("page", impacts)
        frames = self.find_all("iframe")
        for index, frame in enumerate(frames):
            name = frame.get_attribute("title") or f"iframe {index}"
            self.driver.switch_to.frame(frame)
            try:
                self.wait_until("document.readyState === 'complete'")
                self.wait_until("!document.querySelector('.loading, .dataTables_processing[style*=block]')")
                found += self._axe_here(f"frame {name!r}", impacts)
            finally:
                self.driver.switch_to.default_content()
        return found

    def _axe_here(self, where: str, impacts: tuple[str, ...]) -> list[dict[str, Any]]:
        self.driver.execute_script(AXE.read_text())
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations'], iframes: false})"
            ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical',"
            " help: String(e), nodes: []}]));"
        )
        return [
            {"rule": v["id"], "impact": v["impact"], "where": where, "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in violations if v["impact"] in impacts
        ]
