/*
 * Port discovery (lib/device/discover.c) on fake /sys and /dev trees laid out as Linux lays out
 * a CDC-ACM port: which USB ids are taken, which are ignored, the advice when none is found,
 * a port whose /dev node is not there yet, and hostile trees (garbage ids, absurd roots).
 */
#include "testutil.h"
#include "device/reenum.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct tree {
	char *root;
	char sys[4096], dev[4096];
	struct mtkfw_port_search where;
	int n_usb;
};

static void mkdirs(const char *path)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
}

static void tree_new(struct tree *t)
{
	char p[4200];

	memset(t, 0, sizeof(*t));
	t->root = make_tempdir();
	snprintf(t->sys, sizeof(t->sys), "%s/sys", t->root);
	snprintf(t->dev, sizeof(t->dev), "%s/dev", t->root);
	snprintf(p, sizeof(p), "%s/class/tty", t->sys);
	mkdirs(p);
	mkdirs(t->dev);
	t->where.sysfs_root = t->sys;
	t->where.dev_root = t->dev;
}

static void tree_free(struct tree *t)
{
	rm_rf(t->root);
	free(t->root);
}

/* The port NAME: class/tty/NAME -> the tty under USB interface 1-N:1.0, whose `device` link
 * leads back to the interface; idVendor/idProduct (written as given) on the USB device one
 * level up; a /dev node (a plain file is enough to exist) when `node`. */
static void plug(struct tree *t, const char *name, const char *vid, const char *pid, bool node)
{
	char usb[4200], p[4400], target[4400];
	int n = ++t->n_usb;

	snprintf(usb, sizeof(usb), "%s/devices/usb1/1-%d", t->sys, n);
	snprintf(p, sizeof(p), "%s/1-%d:1.0/tty/%s", usb, n, name);
	mkdirs(p);
	if (vid) {
		snprintf(p, sizeof(p), "%s/idVendor", usb);
		write_file(p, vid, strlen(vid));
	}
	if (pid) {
		snprintf(p, sizeof(p), "%s/idProduct", usb);
		write_file(p, pid, strlen(pid));
	}
	snprintf(p, sizeof(p), "%s/1-%d:1.0/tty/%s/device", usb, n, name);
	snprintf(target, sizeof(target), "../../../1-%d:1.0", n);
	assert_int_equal(symlink(target, p), 0);
	snprintf(p, sizeof(p), "%s/class/tty/%s", t->sys, name);
	snprintf(target, sizeof(target), "../../devices/usb1/1-%d/1-%d:1.0/tty/%s", n, n, name);
	assert_int_equal(symlink(target, p), 0);
	if (node) {
		snprintf(p, sizeof(p), "%s/%s", t->dev, name);
		write_file(p, "", 0);
	}
}

static const char *msg(void)
{
	return mtkfw_error_last()->message;
}

static void empty_bus_gives_advice(void **state)
{
	struct tree t;
	char *p = (char *)1;
	(void)state;

	tree_new(&t);
	assert_int_equal(mtkfw_device_find_port_in(&p, 30, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_null(p);
	assert_non_null(strstr(msg(), "no MediaTek BROM or preloader port appeared in 30 ms"));
	assert_non_null(strstr(msg(), "power the phone off, hold Volume, then plug it in"));
	/* No class/tty at all (no sysfs): the same answer, no crash. */
	rm_rf(t.sys);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(msg(), "hold Volume"));
	assert_int_equal(mtkfw_device_find_port_in(NULL, 0, &t.where, NULL), MTKFW_ERR_INVALID);
	tree_free(&t);
}

static void brom_and_preloader_found(void **state)
{
	struct tree t;
	char *p = NULL, want[4200];
	(void)state;

	tree_new(&t);
	/* Another vendor's adapter (CH340) and a tty that is no ttyACM are passed over. */
	plug(&t, "ttyACM0", "1a86\n", "7523\n", true);
	plug(&t, "ttyUSB0", "0e8d\n", "2000\n", true);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_null(strstr(msg(), "booted too far"));
	plug(&t, "ttyACM1", "0e8d\n", "0003\n", true);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), 0);
	snprintf(want, sizeof(want), "%s/ttyACM1", t.dev);
	assert_string_equal(p, want);
	free(p);
	tree_free(&t);

	tree_new(&t);
	plug(&t, "ttyACM7", "0E8D\n", "2000\n", true); /* ids in capitals read the same */
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), 0);
	snprintf(want, sizeof(want), "%s/ttyACM7", t.dev);
	assert_string_equal(p, want);
	free(p);
	tree_free(&t);
}

static void booted_too_far_named(void **state)
{
	struct tree t;
	char *p = NULL;
	(void)state;

	tree_new(&t);
	/* 2001 (the DA's port) is not a port to start a session on; nor is Android's 200a. */
	plug(&t, "ttyACM0", "0e8d\n", "200a\n", true);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(msg(), "a MediaTek port (0e8d:200a) is there, but not the BROM or preloader"));
	assert_non_null(strstr(msg(), "booted too far"));
	tree_free(&t);

	tree_new(&t);
	plug(&t, "ttyACM0", "0e8d\n", "2001\n", true);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(msg(), "0e8d:2001"));
	/* ... but a phone coming back from the switch to high speed may wear it. */
	assert_int_equal(mtkfwi_port_scan(&p, true, NULL, &t.where), 0);
	assert_non_null(strstr(p, "/dev/ttyACM0"));
	free(p);
	tree_free(&t);
}

static void node_not_there_yet(void **state)
{
	struct tree t;
	char *p = NULL, node[4200];
	(void)state;

	tree_new(&t);
	/* sysfs shows the port before /dev has its node: not taken (it would not open). */
	plug(&t, "ttyACM0", "0e8d\n", "2000\n", false);
	snprintf(node, sizeof(node), "%s/ttyACM0", t.dev);
	assert_int_equal(mtkfw_device_find_port_in(&p, 30, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_null(p);
	/* ... and one that never gets it is named with the missing node, not "no port". */
	assert_non_null(strstr(msg(), "ttyACM0 (0e8d:2000) is on the bus but "));
	assert_non_null(strstr(msg(), node));
	assert_non_null(strstr(msg(), " never appeared in 30 ms: udev rules, or a container without /dev access?"));
	assert_null(strstr(msg(), "no MediaTek"));
	write_file(node, "", 0);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), 0);
	assert_string_equal(p, node);
	free(p);
	/* A dangling link (the pty behind it is gone) is no node either. */
	unlink(node);
	assert_int_equal(symlink("/nonexistent/pts/9", node), 0);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(msg(), "never appeared"));
	tree_free(&t);

	/* The BROM's port without its node says so even beside a phone that booted too far:
	 * that one is not the phone to talk to, this one is. */
	tree_new(&t);
	plug(&t, "ttyACM0", "0e8d\n", "200a\n", true);
	plug(&t, "ttyACM5", "0e8d\n", "0003\n", false);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(msg(), "ttyACM5 (0e8d:0003) is on the bus"));
	assert_null(strstr(msg(), "booted too far"));
	/* A port the look does not want (2001) without a node is not named. */
	tree_free(&t);
	tree_new(&t);
	plug(&t, "ttyACM1", "0e8d\n", "2001\n", false);
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_null(strstr(msg(), "never appeared"));
	assert_non_null(strstr(msg(), "booted too far"));
	tree_free(&t);
}

static void hostile_trees(void **state)
{
	struct tree t;
	char *p = NULL, *longroot;
	struct mtkfw_port_search absurd = { NULL, NULL };
	(void)state;

	tree_new(&t);
	plug(&t, "ttyACM0", "zzzz\n", "2000\n", true);   /* garbage vendor */
	plug(&t, "ttyACM1", "0e8d\n", NULL, true);       /* no idProduct */
	plug(&t, "ttyACM2", NULL, "0003\n", true);       /* no idVendor */
	plug(&t, "ttyACM3", "", "", true);               /* empty files */
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &t.where, NULL), MTKFW_ERR_NOTFOUND);
	assert_null(strstr(msg(), "booted too far"));
	tree_free(&t);

	/* A root longer than any path: nothing found, nothing overrun. */
	longroot = malloc(10000);
	assert_non_null(longroot);
	memset(longroot, 'a', 9999);
	longroot[0] = '/';
	longroot[9999] = 0;
	absurd.sysfs_root = longroot;
	absurd.dev_root = longroot;
	assert_int_equal(mtkfw_device_find_port_in(&p, 0, &absurd, NULL), MTKFW_ERR_NOTFOUND);
	free(longroot);
	/* Empty strings mean the system's roots, as NULL does. */
	absurd.sysfs_root = absurd.dev_root = "";
	if (mtkfw_device_find_port_in(&p, 0, &absurd, NULL) == 0)
		free(p);
}

/* A cancel flag (Ctrl-C in the CLI) set while the phone is awaited ends the wait at the next
 * look with CANCELLED: before, both waits ran out their whole time (20 s here) and then said
 * the phone never came. */
static void cancel_stops_the_waits(void **state)
{
	static volatile sig_atomic_t stop = 1;
	struct tree t;
	mtkfw_ctx *ctx = NULL;
	mtkfw_transport *tr = (mtkfw_transport *)1;
	char *p = (char *)1, gone[4300];
	(void)state;

	tree_new(&t);
	assert_int_equal(mtkfw_ctx_new(&ctx), 0);
	mtkfw_ctx_set_cancel(ctx, &stop);
	assert_int_equal(mtkfw_device_find_port_in(&p, 20000, &t.where, ctx), MTKFW_ERR_CANCELLED);
	assert_null(p);
	/* The phone left for its USB re-enumeration and nothing came back. */
	snprintf(gone, sizeof(gone), "%s/ttyACM0", t.dev);
	assert_int_equal(mtkfwi_port_wait_back(&tr, gone, 0, 20000, 5000, &t.where, ctx), MTKFW_ERR_CANCELLED);
	assert_null(tr);
	/* Without the flag the waits still end as before. */
	stop = 0;
	assert_int_equal(mtkfw_device_find_port_in(&p, 30, &t.where, ctx), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfwi_port_wait_back(&tr, gone, 0, 30, 10, &t.where, ctx), MTKFW_ERR_TIMEOUT);
	mtkfw_ctx_free(ctx);
	tree_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_bus_gives_advice),
		cmocka_unit_test(brom_and_preloader_found),
		cmocka_unit_test(booted_too_far_named),
		cmocka_unit_test(node_not_there_yet),
		cmocka_unit_test(hostile_trees),
		cmocka_unit_test(cancel_stops_the_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
