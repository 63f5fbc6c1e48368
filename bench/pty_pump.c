/*
 * The raw pseudo-terminal's throughput, the baseline for a readback through mtkfw-sim: a child
 * writes N bytes into the pty master in 1 MiB writes, the parent reads them from the raw slave
 * (as mtkfw reads a phone). Usage: pty_pump BYTES. Built by bench/b_device.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	long long n = argc > 1 ? atoll(argv[1]) : 0, got = 0;
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;
	struct termios t;
	pid_t pid;

	if (m < 0 || grantpt(m) || unlockpt(m) || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0)
		return 1;
	tcgetattr(s, &t);
	cfmakeraw(&t);
	tcsetattr(s, TCSANOW, &t);
	memset(buf, 0x5a, sizeof(buf));
	pid = fork();
	if (pid == 0) {
		for (long long left = n; left > 0;) {
			ssize_t w = write(m, buf, left < (long long)sizeof(buf) ? (size_t)left : sizeof(buf));

			if (w <= 0)
				_exit(1);
			left -= w;
		}
		_exit(0);
	}
	while (got < n) {
		ssize_t r = read(s, buf, sizeof(buf));

		if (r <= 0)
			return 1;
		got += r;
	}
	waitpid(pid, NULL, 0);
	printf("%lld bytes\n", got);
	return 0;
}
