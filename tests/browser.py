"""Headless Chromium driven by Selenium (Debian's chromium and chromium-driver, installed by `make browser`):
for pages that are applications (the Prefect UI) rather than documents."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest


@contextmanager
def chromium(width: int = 1400, height: int = 1600):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_binary = shutil.which("chromedriver")
    if binary is None or driver_binary is None:
        pytest.fail("chromium / chromedriver missing: `make test` installs them (Debian packages chromium, "
                    "chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_binary))
    try:
        yield driver
    finally:
        driver.quit()


def page_text(driver) -> str:
    """The visible text of the page now (the UI re-renders as it polls: read it afresh each time)."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def wait_for_text(driver, *texts: str, seconds: float = 60) -> str:
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    def shown(_driver) -> bool:
        try:
            return all(text in page_text(driver) for text in texts)
        except StaleElementReferenceException:
            return False

    try:
        WebDriverWait(driver, seconds).until(shown)
    except TimeoutException:
        missing = [text for text in texts if text not in page_text(driver)]
        raise AssertionError(f"not shown after {seconds} s: {missing}\n--- page ---\n{page_text(driver)[:3000]}")
    return page_text(driver)
