"""mtkfw web in a real browser (headless Chromium driven by Selenium) against mtkfw-sim, the
virtual phone: detect it, read it, flash a sample package from the Flash page and watch the
progress reach 100% and "identity intact"; a package that would brick the phone is refused and
nothing is written (the sim's trace); the pages at 1280x800 and 360 px wide, by keyboard, with no
request leaving the server. Screenshots of every page go to build/web-screens/ for people to look
at (tests/cli/t_web_browser.sh).
"""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import scatter_edit  # noqa: E402
from webtest import BUILD, CID, MTKFW, SAMPLEGEN, SIM, SRC, T, Server, Tally, skip, wait_for  # noqa: E402

SHOTS = os.path.join(BUILD, "web-screens")
OTHER_CID = "90014a4838473461340a1122334455c0"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not CHROMIUM or not DRIVER:
    skip("chromium and chromium-driver are not installed (scripts/setup-deps --with-tools installs them)")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
except ImportError:
    skip("python3-selenium is not installed (scripts/setup-deps --with-tools installs it)")
if not SIM or not os.access(SIM, os.X_OK) or not os.access(SAMPLEGEN, os.X_OK):
    skip("mtkfw-sim or mtkfw-samplegen not built")

t = Tally()
root = os.path.realpath(os.path.join(T, "root"))
os.makedirs(root)
pkg, foreign = os.path.join(root, "pkg"), os.path.join(root, "foreign")
# The package carries a modem (as a phone's firmware does): the Port page keeps it on the phone.
subprocess.run([SAMPLEGEN, pkg, "--cid", CID, "--modem", "SAMPLE72_WET_JB"], check=True, capture_output=True)
subprocess.run([SAMPLEGEN, foreign, "--cid", OTHER_CID], check=True, capture_output=True)
da = os.path.join(root, "da.bin")
subprocess.run([sys.executable, os.path.join(SRC, "tests/mtkclient/make_da.py"), da], check=True)
scatter = os.path.join(pkg, "MT6572_Android_scatter.txt")
env = dict(os.environ, XDG_STATE_HOME=os.path.join(T, "state"), XDG_DATA_HOME=os.path.join(T, "data"))
env.pop("MTKFW_DA", None)
env.pop("MTKFW_LIBRARY", None)
os.makedirs(SHOTS, exist_ok=True)


PARTS = scatter_edit.parts(scatter)


class Sim:
    def __init__(self, disk):
        os.makedirs(disk, exist_ok=True)
        self.disk, self.trace = disk, disk + ".trace"
        self.out = open(disk + ".out", "w+")
        self.proc = subprocess.Popen([SIM, "--disk", disk, "--trace", self.trace, "--mode", "preloader", "--cid", CID,
                                      "--scatter", scatter], stdout=self.out, stderr=open(disk + ".err", "w"))
        self.pty = wait_for(lambda: open(disk + ".out").readline().strip(), 10)
        if not self.pty:
            raise RuntimeError("mtkfw-sim printed no pty")

    def writes(self):
        """The WRITE and FORMAT commands in the sim's trace so far."""
        return [l for l in open(self.trace) if "da2: 62 " in l or "da2: D4 " in l]

    def part_sha(self, name, length=None):
        off, size = PARTS[name]
        with open(os.path.join(self.disk, "user.img"), "rb") as f:
            f.seek(off)
            return hashlib.sha256(f.read(length if length is not None else size)).hexdigest()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def file_sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--user-data-dir=" + os.path.join(T, "chromium-profile"),
              "--window-size=1280,800"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=o)


# The sim's disk folder is a second root: the Port page reads it as the phone's readback.
sim = Sim(os.path.realpath(os.path.join(T, "disk")))
server = Server([root, sim.disk], env=env)
drv = None
try:
    drv = browser()
    drv.get(server.url)
    t.check(wait_for(lambda: drv.execute_script("return document.body.dataset.ready") == "1", 30), "the page starts")
    t.check("token=" not in drv.current_url, "the token left the address bar: " + drv.current_url)
    by_id = lambda i: drv.find_element(By.ID, i)  # noqa: E731

    def text_of(i):
        return by_id(i).text

    def wait_text(i, want, seconds=120):
        return t.check(wait_for(lambda: want in text_of(i), seconds), "#%s shows %r (has %r)" % (i, want, text_of(i)[:300]))

    def viewport(w, h, mobile=False):
        """The page's own viewport in CSS pixels (the window's size would count its frame)."""
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})

    def shot(name, full=True):
        """The whole page, or (full False) the viewport at the top of the page."""
        drv.execute_script("window.scrollTo(0, 0)")
        args = {"format": "png"}
        if full:
            size = drv.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            args.update(captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1})
        data = drv.execute_cdp_cmd("Page.captureScreenshot", args)["data"]
        with open(os.path.join(SHOTS, name + ".png"), "wb") as f:
            f.write(base64.b64decode(data))

    viewport(1280, 800)

    def go(page):
        drv.find_element(By.CSS_SELECTOR, 'nav a[data-page="%s"]' % page).click()
        wait_for(lambda: by_id("page-" + page).is_displayed(), 5)

    def fill(i, v):
        e = by_id(i)
        e.clear()
        e.send_keys(v)
        drv.execute_script("arguments[0].dispatchEvent(new Event('change'))", e)

    # ---- Phone: detect the sim, read it ----
    go("phone")
    fill("s-port", sim.pty)
    fill("s-da", da)
    by_id("phone-detect").click()
    wait_text("phone-facts", "MT6572")
    wait_text("phone-facts", "preloader")
    by_id("phone-info").click()
    wait_text("phone-facts", "Samsung DJ4A3B")
    wait_text("phone-facts", CID)
    shot("phone")
    t.eq(sim.writes(), [], "detect and info wrote nothing")

    # Identity backup into a folder of ours, then read back NVRAM: the same bytes as the phone's.
    bk, rb = os.path.join(root, "bk"), os.path.join(root, "rb")
    fill("phone-backup-dir", bk)
    by_id("phone-backup").click()
    wait_text("phone-job", "Identity backup")
    t.check(os.path.exists(os.path.join(bk, "manifest.json")), "the backup's manifest is in the folder chosen")
    nvram = sim.part_sha("NVRAM")
    t.eq(os.path.exists(os.path.join(bk, "NVRAM.bin")) and file_sha(os.path.join(bk, "NVRAM.bin")), nvram,
         "the backup's NVRAM is the phone's")
    fill("phone-readback-dir", rb)
    fill("phone-readback-parts", "NVRAM")
    by_id("phone-readback").click()
    wait_text("phone-job", "Read back")
    t.eq(os.path.exists(os.path.join(rb, "NVRAM.bin")) and file_sha(os.path.join(rb, "NVRAM.bin")), nvram,
         "the readback's NVRAM is the phone's")
    t.eq(sim.writes(), [], "backup and readback wrote nothing")
    by_id("phone-restore").click()
    wait_text("phone-job", "identity intact")
    t.eq(sim.part_sha("NVRAM"), nvram, "NVRAM after the restore")
    shot("phone-restore")

    # Erase asks first, Cancel focused: Enter there erases nothing; the confirmed erase backs
    # up the identity and empties CACHE alone; reboot ends the session.
    fill("phone-erase-part", "CACHE")
    writes_before = len(sim.writes())
    by_id("phone-erase").send_keys(Keys.ENTER)
    wait_text("phone-erase-confirm", "Erase CACHE on the phone?")
    t.eq(drv.switch_to.active_element.text, "Cancel", "the confirmation has Cancel focused")
    drv.switch_to.active_element.send_keys(Keys.ENTER)
    t.check(wait_for(lambda: text_of("phone-erase-confirm") == "", 5), "Cancel takes the question away")
    t.eq(len(sim.writes()), writes_before, "a cancelled erase wrote nothing")
    cache = sim.part_sha("CACHE")
    by_id("phone-erase").click()
    wait_text("phone-erase-confirm", "backs up the identity")
    shot("phone-erase-confirm")
    by_id("phone-erase-yes").click()
    wait_text("phone-job", "Erase", 120)
    wait_text("phone-job", "identity intact")
    t.check(sim.part_sha("CACHE") != cache, "CACHE was erased")
    t.eq(sim.part_sha("NVRAM"), nvram, "NVRAM untouched by the erase")
    by_id("phone-reboot").click()
    wait_text("phone-job", "The phone reboots", 120)
    sim_writes_before_refusal = len(sim.writes())

    # ---- Flash: a package that would brick the phone is refused, nothing written ----
    go("flash")
    fill("flash-pkg", foreign)
    by_id("flash-check").click()
    wait_text("flash-check-out", "check")
    by_id("flash-plan").click()
    wait_text("flash-verdict", "Refused")
    wait_text("flash-verdict", "--skip PRELOADER")
    t.check(not by_id("flash-run").is_enabled(), "Flash stays disabled after a refusal")
    t.check("preloader-no-emi" in text_of("flash-verdict"), "the refusal's finding is shown row by row")
    # A severity is one word on one line (WARNING once read "WARNIN / G" in its narrow column).
    broken = drv.execute_script(
        "return [...document.querySelectorAll('#flash-verdict .sev')]"
        ".filter(s => s.getClientRects().length > 1).map(s => s.textContent)")
    t.eq(broken, [], "no severity word broken over two lines")
    shot("flash-refused")
    # The refusal names the choice that changes it; taking it (untick PRELOADER) passes.
    remedy = wait_for(lambda: [b for b in drv.find_elements(By.CSS_SELECTOR, "#flash-verdict button") if "PRELOADER" in b.text], 10)
    t.check(remedy, "a button takes the remedy")
    if remedy:
        remedy[0].click()
        wait_text("flash-verdict", "Pre-flight passed")
        cb = drv.find_elements(By.CSS_SELECTOR, '#flash-table input[data-part="PRELOADER"]')
        t.check(cb and not cb[0].is_selected(), "PRELOADER is unticked in the partition table")
    # Asked to flash anyway (not through the page's disabled button): refused, exit 3.
    st, _, body = server.request("POST", "/api/v1/device/flash", body={"subject": foreign, "port": sim.pty, "da": da})
    job = json.loads(body)["job"]
    state = wait_for(lambda: (lambda j: j if j["state"] == "done" else None)(json.loads(server.request("GET", "/api/v1/jobs/%d" % job)[2])), 120)
    t.eq(state and state["exit"], 3, "a bricking flash is refused (exit 3)")
    t.eq(state and state["result"]["refused"], True, "its report says refused")
    t.eq(len(sim.writes()), sim_writes_before_refusal, "the refused flash wrote nothing (the sim's trace)")

    # ---- Flash the sample package: progress to 100%, identity intact ----
    before = {p: sim.part_sha(p) for p in ("NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S")}
    fill("flash-pkg", pkg)
    by_id("flash-check").click()
    wait_text("flash-check-out", "check: ok")
    by_id("flash-plan").click()
    wait_text("flash-verdict", "Pre-flight passed")
    boxes = drv.find_elements(By.CSS_SELECTOR, "#flash-table input[type=checkbox]")
    t.check(len(boxes) >= 8 and all(b.is_selected() for b in boxes), "every partition of the plan ticked (%d)" % len(boxes))
    t.check(wait_for(lambda: by_id("flash-run").is_enabled(), 10), "Flash enabled after a passed pre-flight")
    shot("flash-plan")
    # What the step table shows when the first step starts: every step of the plan already
    # (the plan event comes before any write), none running before it.
    drv.execute_script("""
        window.firstRun = null;
        window.stages = new Set();
        new MutationObserver(() => {
          const rows = [...document.querySelectorAll('#flash-job table.steptable tbody tr')];
          if (!window.firstRun && rows.some((r) => r.className === 'run'))
            window.firstRun = rows.map((r) => [r.cells[1].textContent, r.cells[2].textContent, r.className]);
          for (const b of document.querySelectorAll('#flash-job .bar span:first-child')) window.stages.add(b.textContent);
        }).observe(document.getElementById('flash-job'), { subtree: true, childList: true, attributes: true, characterData: true });""")
    by_id("flash-run").click()
    wait_text("flash-result", "identity intact", 300)
    wait_text("flash-result", "Flashed and verified")
    bars = drv.execute_script("return [...document.querySelectorAll('#flash-job progress')].map(p => p.value)")
    t.eq(bars, [100, 100], "overall and step bars at 100%")
    t.check("100%" in text_of("flash-job"), "100% shown")
    report = json.loads(server.request("GET", "/api/v1/jobs")[2])["result"] or {}
    want = [[s["kind"], s["name"]] for s in report.get("steps") or []]
    t.check(len(want) >= 8, "the flash had its steps (%d)" % len(want))
    first = drv.execute_script("return window.firstRun")
    t.eq([r[:2] for r in first or []], want, "the step table listed every planned step when the first started")
    t.eq([r[2] for r in first or []], ["run"] + ["wait"] * (len(want) - 1),
         "then the first step ran and the others waited")
    rows = drv.execute_script("return [...document.querySelectorAll('#flash-job table.steptable tbody tr')]"
                              ".map((r) => [r.cells[1].textContent, r.cells[2].textContent, r.className, r.cells[4].textContent])")
    t.eq([r[:2] for r in rows], want, "the step table still lists the plan's steps at the end")
    t.eq({(r[2], r[3]) for r in rows}, {("done", "done")}, "every step ends done")
    stages = drv.execute_script("return [...window.stages]")
    t.check("write UBOOT" in stages and "verify UBOOT" in stages, "the within-step bar named each stage: %s" % stages[:6])
    shot("flash")
    shot("flash-done-1280x800", full=False)
    t.eq(sim.part_sha("UBOOT", os.path.getsize(os.path.join(pkg, "lk.bin"))), file_sha(os.path.join(pkg, "lk.bin")),
         "the phone's UBOOT holds the package's lk.bin")
    t.eq({p: sim.part_sha(p) for p in before}, before, "the identity partitions are byte-equal after the flash")

    # ---- Package: info, explain ----
    go("package")
    fill("pkg-path", os.path.join(pkg, "lk.bin"))
    by_id("pkg-info").click()
    wait_text("pkg-out", "lk bootloader")
    fill("pkg-path", os.path.join(pkg, "logo.bin"))
    by_id("pkg-info").click()
    t.check(wait_for(lambda: drv.execute_script(
        "const i = [...document.querySelectorAll('#pkg-out img.logo')];"
        "return i.length > 0 && i.every(x => x.complete && x.naturalWidth > 0)"), 60), "the logo's pictures are shown")
    shot("package-logo")
    # compat of the foreign package with the sim's disk: its verdict first, then risk by risk.
    fill("pkg-path", foreign)
    fill("pkg-target", sim.disk)
    by_id("pkg-compat").click()
    wait_text("pkg-out", "compat: ")
    want = json.loads(subprocess.run([MTKFW, "compat", "--json", foreign, sim.disk], env=env,
                                     capture_output=True, text=True).stdout)
    t.check(("compat: " + want["verdict"] + "\n" + foreign + " on " + sim.disk) in text_of("pkg-out"),
            "compat's verdict heads its view (%s)" % want["verdict"])
    t.check(all(r["evidence"] in text_of("pkg-out") for r in want["risks"]), "every risk's evidence is shown")
    shot("package-compat")
    fill("explain-code", "4032")
    by_id("explain-form").submit()
    wait_text("pkg-out", "S_FT_ENABLE_DRAM_FAIL")
    t.check("Fix: Use firmware" in text_of("pkg-out"), "a code's meaning is shown with its fix")
    shot("package")
    # A pasted log, then the same log uploaded: each known error with its line and its fix.
    log_text = ("Connecting to BROM\n"
                "BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)\n")
    by_id("explain-log").send_keys(log_text)
    by_id("explain-paste").click()
    wait_text("pkg-out", "1 known error in 2 lines")
    out = text_of("pkg-out")
    t.check("line 2: BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)" in out and "Fix: " in out,
            "a pasted log's error is shown with its line and fix")
    t.check("{" not in out.split("JSON (as mtkfw")[0], "no JSON object written into the explained log's view")
    shot("package-explain-log")
    uploaded = os.path.join(root, "brom.log")
    with open(uploaded, "w") as f:
        f.write("a line\n" * 4 + log_text)
    drv.execute_script("document.getElementById('pkg-out').replaceChildren()")
    by_id("explain-file").send_keys(uploaded)
    wait_text("pkg-out", "line 6: BROM ERROR")

    # ---- Library: matches the sim when the library is built in ----
    go("library")
    has_library = "library" in subprocess.run([MTKFW, "help"], capture_output=True, text=True).stdout
    if has_library:
        fill("lib-add-dir", root)
        by_id("lib-add").click()
        wait_text("lib-job", "library add")
        wait_for(lambda: "Added" in text_of("lib-out"), 120)
        label = drv.execute_script("return document.querySelector('#lib-job .bar span').textContent")
        t.eq(label, "library add", "library add's own progress reaches its bar")
        fill("lib-q", "sample72")
        by_id("lib-search-form").submit()
        wait_text("lib-out", pkg)
        shot("library-search")
        row = [r for r in drv.find_elements(By.CSS_SELECTOR, "#lib-out tbody tr")
               if r.find_elements(By.TAG_NAME, "td")[1].text == pkg]
        t.check(row and row[0].find_elements(By.TAG_NAME, "button"), "the search lists the sample package with a way to the Flash page")
        by_id("lib-match-phone").click()
        wait_text("lib-out", "Candidates", 120)
        t.check("pkg" in text_of("lib-out"), "the sample package is a candidate for the sim")
        # A candidate's board label and what it did to this phone go back into the library from
        # the candidate view, by keyboard; the eMMC is the matched phone's.
        notes = drv.find_elements(By.CSS_SELECTOR, "#lib-out details.notes")
        t.check(notes, "each candidate has its label and report form")
        if notes:
            form = notes[0]
            form.find_element(By.TAG_NAME, "summary").send_keys(Keys.ENTER)
            pid = form.find_element(By.CSS_SELECTOR, "[id$='-label']").get_attribute("id").split("-")[1]
            form.find_element(By.CSS_SELECTOR, "[id$='-label']").send_keys("ZH-A516-MB-V1.0")
            form.find_element(By.CSS_SELECTOR, "[id$='-label-add']").send_keys(Keys.ENTER)
            t.check(wait_for(lambda: "Label recorded" in form.text, 30), "the label is recorded")
            t.check("ZH-A516-MB-V1.0" in form.text, "the answer lists the label")
            t.eq(form.find_element(By.CSS_SELECTOR, "[id$='-cid']").get_attribute("value"), CID, "the CID is the phone's")
            form.find_element(By.CSS_SELECTOR, "[id$='-phone']").send_keys(sim.disk)
            form.find_element(By.CSS_SELECTOR, "[id$='-result'] option[value=dead]").click()
            form.find_element(By.CSS_SELECTOR, "[id$='-note']").send_keys("no power after the flash")
            form.find_element(By.CSS_SELECTOR, "[id$='-report']").click()
            t.check(wait_for(lambda: "Outcome recorded" in form.text, 30), "the outcome is recorded: " + form.text[-200:])
            t.check("dead on eMMC " + CID in form.text, "the answer names the outcome and the eMMC")
            shot("library-report")
            shown = json.loads(subprocess.run([MTKFW, "library", "show", "--json", pid], env=env, capture_output=True,
                                              text=True).stdout)
            t.eq([(o["result"], o["phone_cid"], o["note"]) for o in shown["outcomes"]],
                 [("dead", CID, "no power after the flash")], "`library show` has the page's outcome")
            t.eq(shown["labels"], ["ZH-A516-MB-V1.0"], "`library show` has the page's label")
    else:
        fill("lib-q", "MT6572")
        by_id("lib-search-form").submit()
        wait_text("lib-out", "not a command of this mtkfw")
        print("# this build has no `mtkfw library`: the page says so; the match checks wait for it")
    shot("library")

    # ---- Port: a sister board's firmware made for the phone just flashed (its disk folder is
    # the readback), plan -> build -> proof, then flashed from the Flash page, identity intact ----
    go("port")
    if os.path.exists(os.path.join(pkg, "system.img")):
        sister, ported = os.path.join(root, "sister"), os.path.join(root, "ported")
        subprocess.run([SAMPLEGEN, sister, "--project", "sister72", "--sister", "--modem", "SISTER72_WET_KK",
                        "--android", "4.4.2"], check=True, capture_output=True)
        fill("port-base", sister)
        fill("port-phone", sim.disk)
        fill("port-out", ported)
        by_id("port-plan").click()
        wait_text("port-out-view", "Plan made: nothing written")
        plan_text = text_of("port-out-view")
        t.check("BOOTIMG" in plan_text and "BUILT" in plan_text.upper(), "the plan's partition table shows the built boot image")
        t.check("/etc/firmware/modem_1_wg_n.img" in plan_text, "the plan lists the phone's modem among the system paths")
        t.check(not os.path.exists(ported), "the plan wrote nothing")
        t.check(not by_id("port-flash").is_displayed(), "no Flash button after a plan")
        shot("port-plan")
        by_id("port-build").click()
        wait_text("port-out-view", "Port proven", 300)
        t.check(os.path.exists(os.path.join(ported, "MT6572_Android_scatter.txt")), "the built package is in the folder chosen")
        t.check("100%" in text_of("port-job"), "the build's progress reached 100%")
        shot("port")
        t.check(wait_for(lambda: by_id("port-flash").is_displayed(), 5), "a proven port offers its flash")
        ids = {p: sim.part_sha(p) for p in ("NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S")}
        by_id("port-flash").click()
        t.eq(by_id("flash-pkg").get_attribute("value"), ported, "the Flash page takes the new package")
        t.check(by_id("page-flash").is_displayed(), "Flash it opens the Flash page")
        by_id("flash-plan").click()
        wait_text("flash-verdict", "Pre-flight passed")
        t.check(wait_for(lambda: by_id("flash-run").is_enabled(), 10), "the port passes the pre-flight in download mode")
        by_id("flash-run").click()
        wait_text("flash-result", "identity intact", 300)
        t.eq({p: sim.part_sha(p) for p in ids}, ids, "the identity partitions are byte-equal after flashing the port")
        # The page's build refuses to replace a package without the box ticked.
        go("port")
        by_id("port-build").click()
        wait_text("port-out-view", "Refused: nothing was written")
        t.check("--force" in text_of("port-out-view"), "the refusal names the choice that changes it")
    else:
        print("# no mke2fs: the sample has no system image, so the Port page is only pictured")
        shot("port")

    # ---- Flash: a package whose layout differs (LOGO 1 MiB smaller, EXPDB starting there) is
    # refused in download mode; the refusal's button switches to upgrade mode, which passes and
    # writes the new table with the identity kept ----
    moved = os.path.join(root, "moved")
    shutil.copytree(pkg, moved)
    moved_scatter = os.path.join(moved, "MT6572_Android_scatter.txt")
    scatter_edit.move_logo(moved_scatter)
    go("flash")
    Select(by_id("flash-mode")).select_by_value("download")
    fill("flash-pkg", moved)
    writes_before = len(sim.writes())
    by_id("flash-plan").click()
    wait_text("flash-verdict", "Refused")
    t.check("layout-changed" in text_of("flash-verdict"), "the refusal's row is the layout change")
    t.eq(len(sim.writes()), writes_before, "the refused plan wrote nothing")
    up = wait_for(lambda: [b for b in drv.find_elements(By.CSS_SELECTOR, "#flash-verdict button") if "upgrade" in b.text], 10)
    t.check(up, "a button switches to upgrade mode")
    if up:
        ids = {p: sim.part_sha(p) for p in ("NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S")}
        up[0].click()
        wait_text("flash-verdict", "Pre-flight passed")
        t.eq(by_id("flash-mode").get_attribute("value"), "upgrade", "the mode is upgrade now")
        shot("flash-upgrade-plan")
        t.check(wait_for(lambda: by_id("flash-run").is_enabled(), 10), "Flash enabled in upgrade mode")
        by_id("flash-run").click()
        wait_text("flash-result", "identity intact", 300)
        t.check("PMT" in text_of("flash-job"), "the new partition table is among the steps")
        t.eq({p: sim.part_sha(p) for p in ids}, ids, "the identity partitions (before CACHE, unmoved) are byte-equal")

    # No optional part of a view (a remedy's button, an identity banner) was written as the word
    # "null", as DOM's append writes a null: every view the test filled is still on its page.
    stray = drv.execute_script(
        "const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT), out = [];"
        "for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.trim() === 'null')"
        "  out.push(n.parentElement.closest('section').id + ' ' + (n.parentElement.id || n.parentElement.tagName));"
        "return out;")
    t.eq(stray, [], "no text 'null' where an optional part was left out")

    # ---- keyboard: every page and the main buttons are reached with Tab, opened with Enter ----
    drv.get(server.base + "/#phone")
    wait_for(lambda: drv.execute_script("return document.body.dataset.ready") == "1", 30)
    seen = []
    body = drv.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(30):
        a = drv.switch_to.active_element
        seen.append(a.get_attribute("id") or a.text)
        a.send_keys(Keys.TAB)
    for want in ("Phone", "Flash", "Library", "Port", "Package", "phone-detect", "s-port"):
        t.check(want in seen, "Tab reaches %s (reached: %s)" % (want, seen))
    link = [e for e in drv.find_elements(By.CSS_SELECTOR, "nav a") if e.text == "Flash"][0]
    link.send_keys(Keys.ENTER)
    t.check(wait_for(lambda: by_id("page-flash").is_displayed(), 5), "Enter on a nav link opens the page")

    # ---- a 360-px-wide phone screen: nothing wider than the screen ----
    viewport(360, 740, mobile=True)
    for page in ("phone", "flash", "library", "port", "package"):
        drv.get(server.base + "/#" + page)
        wait_for(lambda: drv.execute_script("return document.body.dataset.ready") == "1", 30)
        width = drv.execute_script("return document.documentElement.scrollWidth")
        inner = drv.execute_script("return window.innerWidth")
        t.check(width <= inner, "%s at 360 px: the page is %d px wide in a %d px window" % (page, width, inner))
        if page == "port" and os.path.isdir(os.path.join(root, "sister")):
            # A plan's tables at 360 px: they scroll in their own box, the page does not widen.
            fill("port-base", os.path.join(root, "sister"))
            fill("port-phone", sim.disk)
            by_id("port-plan").click()
            wait_text("port-out-view", "Plan made")
            width = drv.execute_script("return document.documentElement.scrollWidth")
            t.check(width <= inner, "a port plan at 360 px: the page is %d px wide in a %d px window" % (width, inner))
            shot("port-360")
    drv.get(server.base + "/#flash")
    wait_text("page-flash", "identity intact")
    # The last flash's report, findings and steps at 360 px: a sentence keeps a readable column
    # (its table scrolls in its own box; a message once had a column a few letters wide).
    narrow = drv.execute_script(
        "return [...document.querySelectorAll('#page-flash td')]"
        ".filter(td => td.offsetParent && td.textContent.length > 40 && td.getBoundingClientRect().width < 150)"
        ".map(td => td.textContent.slice(0, 30) + ' (' + Math.round(td.getBoundingClientRect().width) + ' px)')")
    t.eq(narrow, [], "no sentence squeezed into a narrow column at 360 px")
    width = drv.execute_script("return document.documentElement.scrollWidth")
    t.check(width <= inner, "the flash report at 360 px: the page is %d px wide in a %d px window" % (width, inner))
    shot("flash-360")

    # ---- no request left the server ----
    urls = []
    for entry in drv.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m.get("method") == "Network.requestWillBeSent":
            urls.append(m["params"]["request"]["url"])
    # chrome:// pages are the browser's own (its new-tab page before ours), not the network.
    outside = [u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")
               and not u.startswith(server.base + "/")]
    t.check(urls and not outside, "every request went to %s (others: %s)" % (server.base, outside[:5]))
    # Answers with an error status (the library's 400 above) are the API's words, shown on the
    # page; a script error is not.
    errors = [e for e in drv.get_log("browser") if e.get("level") == "SEVERE" and e.get("source") != "network"]
    t.eq(errors, [], "no script error in the page's console")
finally:
    if drv:
        drv.quit()
    t.eq(server.stop(), 0, "mtkfw web's exit status after Ctrl-C (a sanitizer's finding would change it)")
    sim.stop()

sys.exit(t.done())
