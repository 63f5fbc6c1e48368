/* The words of the catalogue's public enums (mtkfw/catalog.h), one table each: `library add`,
 * `check` and `report` print them, the JSON and the exchange file carry them. */
#include "core/enum_words.h"
#include "core/internal.h"

#include <mtkfw/catalog.h>

static const char *const change_words[] = { "added", "updated", "unchanged", "moved" };
static const char *const disk_words[] = { "ok", "changed", "gone", "moved" };
static const char *const result_words[] = { "booted", "display-dead", "no-radio", "bootloop", "dead" };

const char *mtkfw_catalog_change_name(int change)
{
	return mtkfw_enum_word(MTKFW_WORDS(change_words), change, "?");
}

int mtkfw_catalog_change_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(change_words), word);
}

const char *mtkfw_catalog_disk_name(int disk)
{
	return mtkfw_enum_word(MTKFW_WORDS(disk_words), disk, "?");
}

int mtkfw_catalog_disk_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(disk_words), word);
}

/* NULL for a value that is no result: a report refuses it. */
const char *mtkfw_catalog_result_name(int result)
{
	return mtkfw_enum_word(MTKFW_WORDS(result_words), result, NULL);
}

int mtkfw_catalog_result_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(result_words), word);
}
