/*
 * mtkfw-sim: a virtual MT6572 phone on a pseudo-terminal. Opens the pty, prints its path,
 * then moves bytes between the host and the phone's state machine (sim.c) until SIGTERM.
 * When the host closes the port the phone re-plugs: back to the handshake, like a real one.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boot1.h"
#include "disk_build.h"
#include "emmc.h"
#include "faults.h"
#include "pty.h"
#include "sim.h"
#include "trace.h"

static const char usage[] =
	"usage: mtkfw-sim [--mode brom|preloader] [--disk DIR] [--scatter FILE] [--cid HEX] "
	"[--link PATH] [--fault SPEC] [--usb-speed full|high] [--emi-info] [--trace FILE]\n";

static const char options[] =
	"  --mode MODE     brom (default: DRAM needs EMI settings) or preloader (DRAM ready)\n"
	"  --disk DIR      eMMC files DIR/boot1.img, boot2.img, rpmb.img, user.img (created when\n"
	"                  absent; default ./mtkfw-sim-disk)\n"
	"  --scatter FILE  build a new disk from this MT6572 scatter (MBR/EBR, partitions, NVRAM)\n"
	"  --cid HEX       eMMC CID, 32 hex characters, manufacturer id first (default: the first\n"
	"                  EMI entry of the preloader in boot1); a known part's CID gives the\n"
	"                  sizes real phones reported for it (docs/real-phones.md)\n"
	"  --link PATH     make PATH a symlink to the pty (mtkclient wants /dev/ttyACM*)\n"
	"  --fault SPEC    drop-after=N, corrupt=N, stall=N[:MS], refuse-emi, chip=0xHHHH,\n"
	"                  readonly, readonly-after=N, no-reenum, unstable-read, refuse-speed,\n"
	"                  ignore-speed, emi-silent, seed=N; comma-separated, repeatable\n"
	"  --usb-speed S   full (default in BROM mode) or high (default in preloader mode): at\n"
	"                  full speed the DA reports 0 to 72 and, on 70 01, re-enumerates on a\n"
	"                  new pty (its path printed as a new line)\n"
	"  --emi-info      answer ENABLE_DRAM as mtkclient expects (16 bytes of DRAM info before\n"
	"                  the entry length), not as real MT6572 DAs do\n"
	"  --trace FILE    append one line per command received\n"
	"  -h, --help      this help\n";

/* How long after the ACK of 70 01 the phone leaves the bus when the host keeps its port open:
 * long enough for a host to read the ACK, short next to the seconds hosts wait for the port to
 * change (a port unchanged for long means a phone that stayed: docs/real-phones.md S3). */
#define REENUM_AFTER_MS 250

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static void die_usage(const char *msg)
{
	fprintf(stderr, "mtkfw-sim: %s\n%s", msg, usage);
	exit(2);
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct loop {
	struct sim sim;
	struct sim_pty pty;
	struct sim_faults faults;
	struct sim_trace *trace;
	bool connected;
	size_t sent;          /* bytes at the front of the output queue already written */
	size_t filtered;      /* bytes at the front of the output queue already through faults */
	size_t drop_at;       /* drop the link when the queue has drained to this (SIZE_MAX: no) */
	bool stalled;
	uint64_t stall_until; /* 0: until the host closes */
	uint8_t pending[65536]; /* as big as one read (run's buf): a stall must not lose the rest of it */
	size_t pending_len;   /* input held back by a stall */
	bool reenum_wait;     /* 70 01 answered: re-enumerate when the host lets go */
	uint64_t reenum_deadline; /* ... or at this time, as a phone does not wait for ever */
	bool gone;            /* left the bus for good (no-reenum fault) */
};

/* The host side of the link is gone: nothing is pending towards it and no fault is armed. */
static void link_forget(struct loop *l)
{
	l->connected = false;
	l->stalled = false;
	l->pending_len = 0;
	l->sent = 0;
	l->filtered = 0;
	l->drop_at = SIZE_MAX;
}

static void hangup(struct loop *l, const char *why)
{
	if (l->connected)
		sim_trace(l->trace, "link: %s; the phone re-plugs and waits for a handshake", why);
	link_forget(l);
	sim_reset(&l->sim);
}

/* The DA switched to high speed: the phone leaves the bus and comes back on a new port with
 * its DA still running (a power cycle would be hangup()). */
static void reenumerate(struct loop *l)
{
	char err[512];

	l->reenum_wait = false;
	link_forget(l);
	sim_consume_out(&l->sim, l->sim.out_len);
	if (l->faults.no_reenum) {
		sim_trace(l->trace, "fault: no-reenum: the phone left the bus after USB_SETUP_PORT and does not come back");
		sim_pty_close(&l->pty);
		l->gone = true;
		return;
	}
	if (sim_pty_replug(&l->pty, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		stop = 1;
		return;
	}
	sim_trace(l->trace, "usb: re-enumerated at high speed on %s; the DA keeps running", l->pty.path);
	printf("%s\n", l->pty.path);
	fflush(stdout);
}

/* The host closed its end: a re-plug (power cycle), unless the phone was leaving anyway. */
static void host_closed(struct loop *l)
{
	if (l->reenum_wait) {
		reenumerate(l);
	} else if (l->sim.stay_on_close) {
		/* A real phone does not notice a host closing its port; the sim takes a close for an
		 * unplug only because hosts (mtkclient) start each run with a handshake. After a
		 * switch it ignored, the phone is still there when the host looks again. */
		l->sim.stay_on_close = false;
		sim_trace(l->trace, "link: host closed the port; the phone stayed on the bus, its DA keeps running");
		link_forget(l);
	} else {
		hangup(l, "host closed the port");
	}
}

static void drop_link(struct loop *l)
{
	char err[512];

	sim_trace(l->trace, "fault: drop-after fired; link dropped");
	if (sim_pty_replug(&l->pty, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		stop = 1;
		return;
	}
	printf("%s\n", l->pty.path);
	fflush(stdout);
	hangup(l, "dropped");
}

static void feed(struct loop *l, const uint8_t *p, size_t n)
{
	bool stall;
	unsigned ms;
	size_t k = sim_faults_in(&l->faults, n, &stall, &ms);

	sim_feed(&l->sim, p, k);
	if (stall) {
		sim_trace(l->trace, "fault: stall after %llu bytes received (%s)",
			  (unsigned long long)l->faults.received, ms ? "timed" : "until the host closes");
		l->stalled = true;
		l->stall_until = ms ? now_ms() + ms : 0;
		/* The rest of this read is held, all of it: dropping what did not fit left the DA
		 * waiting for bytes the host had sent (a 5 s timeout in t_web_jobs, 1 run in 3). */
		l->pending_len = n - k < sizeof(l->pending) ? n - k : sizeof(l->pending);
		memcpy(l->pending, p + k, l->pending_len);
	}
}

static void flush_out(struct loop *l)
{
	struct sim *s = &l->sim;

	if (l->filtered < s->out_len) {
		bool drop;
		size_t n = s->out_len - l->filtered;
		size_t k = sim_faults_out(&l->faults, s->out + l->filtered, n, &drop);

		if (drop) {
			s->out_len = l->filtered + k;
			l->drop_at = s->out_len - l->sent;
		}
		l->filtered = s->out_len;
	}
	while (l->sent < s->out_len) {
		ssize_t w = write(l->pty.fd, s->out + l->sent, s->out_len - l->sent);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EIO) {
				host_closed(l);
				return;
			}
			break; /* EAGAIN: poll for POLLOUT */
		}
		l->sent += (size_t)w;
		if (l->drop_at != SIZE_MAX)
			l->drop_at -= (size_t)w;
	}
	/* The pty takes a few KiB per write: moving the rest of a 1 MiB packet to the front
	 * after each would copy it hundreds of times. Drop what was sent only when it is all
	 * out, or is at least half the queue (each byte then moves at most once on average). */
	if (l->sent == s->out_len || l->sent >= s->out_len - l->sent) {
		sim_consume_out(s, l->sent);
		l->filtered -= l->sent;
		l->sent = 0;
	}
	if (l->drop_at == 0) {
		drop_link(l);
	}
	if (l->sim.reenum_requested && !s->out_len) {
		/* The ACK is out. A real phone leaves the bus at once; the sim waits until the host
		 * closes the port (mtkclient does, having read the ACK) or REENUM_AFTER_MS have passed,
		 * so that the host has read the ACK before the pty goes. */
		l->sim.reenum_requested = false;
		l->reenum_wait = true;
		l->reenum_deadline = now_ms() + REENUM_AFTER_MS;
	}
}

static int serve(struct loop *l)
{
	uint8_t buf[65536];

	while (!stop) {
		struct pollfd pfd = { .fd = l->pty.fd, .events = POLLIN };
		int timeout = -1, r;

		if (l->gone) {
			poll(NULL, 0, 100); /* off the bus: only a signal ends this */
			continue;
		}
		if (l->reenum_wait && now_ms() >= l->reenum_deadline) {
			reenumerate(l);
			continue;
		}

		if (l->sim.out_len > l->sent)
			pfd.events |= POLLOUT;
		if (l->stalled) {
			pfd.events = 0;
			if (l->stall_until) {
				uint64_t t = now_ms();
				timeout = t >= l->stall_until ? 0 : (int)(l->stall_until - t);
			}
		}
		if (!l->connected)
			timeout = 1; /* a closed slave polls as HUP: recheck every ms for a reopen */
		else if (sim_wants_idle(&l->sim) && !l->stalled)
			timeout = (int)l->sim.cfg.idle_ms;
		if (l->reenum_wait && (timeout < 0 || timeout > 10))
			timeout = 10;
		r = poll(&pfd, 1, timeout);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (l->stalled && l->stall_until && now_ms() >= l->stall_until) {
			l->stalled = false;
			sim_trace(l->trace, "fault: stall over");
			feed(l, l->pending, l->pending_len);
			l->pending_len = 0;
			flush_out(l);
			continue;
		}
		if (pfd.revents & POLLHUP && !(pfd.revents & POLLIN)) {
			if (l->connected)
				host_closed(l);
			if (!l->connected) {
				/* No host: poll() returns at once with HUP, so sleep the polling interval. */
				struct timespec ts = { 0, 1000000 };
				nanosleep(&ts, NULL);
			}
			continue;
		}
		if (!l->connected && !(pfd.revents & POLLHUP)) {
			l->connected = true;
			sim_trace(l->trace, "link: host opened the port");
		}
		if (r == 0) {
			if (l->connected && sim_wants_idle(&l->sim)) {
				sim_idle(&l->sim);
				flush_out(l);
			}
			continue;
		}
		if (pfd.revents & POLLIN) {
			ssize_t n = read(l->pty.fd, buf, sizeof(buf));
			if (n < 0 && errno == EIO) {
				host_closed(l);
				continue;
			}
			if (n > 0) {
				l->connected = true;
				feed(l, buf, (size_t)n);
			}
		}
		flush_out(l);
		if (l->sim.halted && !l->stalled) {
			/* The DA stopped talking: the phone stays silent until the host lets go. */
			l->stalled = true;
			l->stall_until = 0;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "disk", required_argument, NULL, 'd' },
		{ "scatter", required_argument, NULL, 's' },
		{ "cid", required_argument, NULL, 'c' },
		{ "link", required_argument, NULL, 'l' },
		{ "fault", required_argument, NULL, 'f' },
		{ "trace", required_argument, NULL, 't' },
		{ "usb-speed", required_argument, NULL, 'u' },
		{ "emi-info", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *disk = "mtkfw-sim-disk", *scatter = NULL, *link = NULL, *trace_path = NULL;
	struct sim_config cfg = { .mode = SIM_MODE_BROM };
	static struct sim_trace trace;
	static struct sim_emmc emmc = { .boot1.fd = -1, .boot2.fd = -1, .rpmb.fd = -1, .user.fd = -1 };
	static struct sim_disk_layout layout;
	static struct loop loop; /* static: large, and nothing to free on an early exit */
	struct loop *l = &loop;
	bool have_cid = false, speed_set = false;
	struct sim_emmc_geometry geo;
	char err[512];
	int opt, rc = 0;

	l->pty.fd = -1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			if (!strcmp(optarg, "brom"))
				cfg.mode = SIM_MODE_BROM;
			else if (!strcmp(optarg, "preloader"))
				cfg.mode = SIM_MODE_PRELOADER;
			else
				die_usage("--mode takes brom or preloader");
			break;
		case 'd': disk = optarg; break;
		case 's': scatter = optarg; break;
		case 'c':
			if (sim_cid_parse(optarg, cfg.cid) != 0)
				die_usage("--cid takes 32 hex characters (16 bytes, manufacturer id first)");
			have_cid = true;
			break;
		case 'l': link = optarg; break;
		case 'f':
			if (sim_faults_parse(&l->faults, optarg, err, sizeof(err)) != 0)
				die_usage(err);
			break;
		case 't': trace_path = optarg; break;
		case 'u':
			if (!strcmp(optarg, "full") || !strcmp(optarg, "high"))
				cfg.full_speed = !strcmp(optarg, "full");
			else
				die_usage("--usb-speed takes full or high");
			speed_set = true;
			break;
		case 'e': cfg.emi_info = true; break;
		case 'h':
			fputs(usage, stdout);
			fputs(options, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		die_usage("unexpected argument");

	if (trace_path && sim_trace_open(&trace, trace_path) != 0) {
		fprintf(stderr, "mtkfw-sim: %s: %s\n", trace_path, strerror(errno));
		return 2;
	}
	/* Real MT6572s come up at USB full speed in BROM mode (docs/real-phones.md S3). */
	if (!speed_set)
		cfg.full_speed = cfg.mode == SIM_MODE_BROM;
	/* The card: the one named, else the sim's default one (an existing boot1 may name
	 * another below; the files it has keep their sizes). Its maker and product decide the
	 * sizes of new disk files. */
	if (!have_cid)
		sim_cid_complete(cfg.cid, sim_emi_parts[0].id);
	geo = sim_emmc_geometry_for(cfg.cid);
	if (scatter && sim_scatter_load(scatter, geo.user_size, &layout, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		rc = 2;
		goto done;
	}
	if (scatter)
		geo.user_size = layout.user_size;
	if (sim_emmc_open(&emmc, disk, &geo, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		rc = 2;
		goto done;
	}
	if (emmc.boot1_created && sim_boot1_write(&emmc.boot1, cfg.cid) != 0) {
		fprintf(stderr, "mtkfw-sim: %s/boot1.img: cannot write the preloader\n", disk);
		rc = 1;
		goto done;
	}
	if (!have_cid && !emmc.boot1_created)
		(void)sim_boot1_cid(&emmc.boot1, cfg.cid); /* the card its preloader names first */
	if (scatter && !emmc.user_created)
		fprintf(stderr, "mtkfw-sim: %s/user.img exists; --scatter ignored (remove it to rebuild)\n", disk);
	if (scatter && emmc.user_created && sim_disk_build(&emmc, &layout, cfg.cid, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		rc = 1;
		goto done;
	}
	for (int i = 0; i < 16; i++)
		cfg.me_id[i] = (uint8_t)(cfg.cid[(i * 7) % 16] ^ (0x65 + i * 0x11));
	cfg.refuse_emi = l->faults.refuse_emi;
	cfg.unstable_read = l->faults.unstable_read;
	cfg.refuse_speed = l->faults.refuse_speed;
	cfg.ignore_speed = l->faults.ignore_speed;
	cfg.emi_silent = l->faults.emi_silent;
	emmc.wear = l->faults.readonly;
	emmc.wear_budget = l->faults.readonly_after;
	cfg.hw_code = l->faults.chip ? l->faults.chip_code : SIM_HW_CODE;
	l->trace = trace_path ? &trace : NULL;
	sim_init(&l->sim, &cfg, &emmc, l->trace);
	l->drop_at = SIZE_MAX;

	if (sim_pty_open(&l->pty, link, err, sizeof(err)) != 0) {
		fprintf(stderr, "mtkfw-sim: %s\n", err);
		rc = 1;
		goto done;
	}
	{
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		signal(SIGPIPE, SIG_IGN);
	}
	{
		char cidhex[33];
		for (int i = 0; i < 16; i++)
			snprintf(cidhex + 2 * i, 3, "%02x", cfg.cid[i]);
		const struct sim_emmc_part *part = sim_emmc_part_find(cfg.cid);

		sim_trace(l->trace, "sim: MT6572 (hw 0x%04x) in %s mode on %s, disk %s, CID %s (%s), USB %s speed",
			  cfg.hw_code, cfg.mode == SIM_MODE_BROM ? "BROM" : "preloader", l->pty.path, disk, cidhex,
			  part ? part->name : "a part the table does not know", cfg.full_speed ? "full" : "high");
	}
	printf("%s\n", l->pty.path);
	fflush(stdout);
	if (serve(l) != 0)
		rc = 1;
	sim_trace(l->trace, "sim: stopped");
done:
	if (l->pty.fd >= 0)
		sim_pty_close(&l->pty);
	sim_free(&l->sim);
	sim_emmc_close(&emmc);
	sim_disk_layout_free(&layout);
	sim_trace_close(&trace);
	return rc;
}
