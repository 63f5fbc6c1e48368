/*
 * The raw pseudo-terminal's throughput, the baseline for transfers through mtkfw-sim: N bytes
 * cross a pty in raw mode with no protocol, no checksum, no disk, in 1 MiB writes and reads as
 * large as the pty gives (a tty hands out at most 4 KiB per read). Two processes, as with the
 * sim and mtkfw. Built by bench/b_device.sh and bench/b_flash.sh.
 *
 *   pty_pump BYTES            phone to host (a readback): a child writes into the master, the
 *                             parent reads the raw slave, as mtkfw reads a phone
 *   pty_pump BYTES --to-phone host to phone (a flash): the parent writes into the slave, a
 *                             child reads the master, as the sim reads what mtkfw sends
 *
 * Prints the bytes moved.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static char buf[1 << 20];

static int pump_out(int fd, long long n)
{
	for (long long left = n; left > 0;) {
		ssize_t w = write(fd, buf, left < (long long)sizeof(buf) ? (size_t)left : sizeof(buf));

		if (w <= 0)
			return 1;
		left -= w;
	}
	return 0;
}

static long long pump_in(int fd, long long n)
{
	long long got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r <= 0)
			break;
		got += r;
	}
	return got;
}

int main(int argc, char **argv)
{
	long long n = argc > 1 ? atoll(argv[1]) : 0, got;
	int to_phone = argc > 2 && !strcmp(argv[2], "--to-phone");
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, status = 0;
	struct termios t;
	pid_t pid;

	if (m < 0 || grantpt(m) || unlockpt(m) || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0)
		return 1;
	/* The slave raw, as the sim and mtkfw set it (a master is raw from the start). */
	tcgetattr(s, &t);
	cfmakeraw(&t);
	tcsetattr(s, TCSANOW, &t);
	memset(buf, 0x5a, sizeof(buf));
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		if (to_phone)
			_exit(pump_in(m, n) == n ? 0 : 1);
		_exit(pump_out(m, n));
	}
	if (to_phone) {
		got = pump_out(s, n) ? 0 : n;
	} else {
		got = pump_in(s, n);
	}
	waitpid(pid, &status, 0);
	if (got != n || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	printf("%lld bytes\n", got);
	return 0;
}
