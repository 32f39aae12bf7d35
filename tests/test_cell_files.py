"""Cells' file names: ipykernel's, bit for bit, since JupyterLab's debugger computes them itself."""

import os

import pytest
from ipykernel.compiler import get_file_name, get_tmp_directory, get_tmp_hash_seed, murmur2_x86

from metapoly import cell_files

# Every tail length (0-3 bytes after the whole 4-byte blocks), multi-byte UTF-8, and a typical cell.
CODES = ["", "a", "ab", "abc", "abcd", "abcde", "é", "数据 = 1", "x = '🐍'\n", "def f(a):\n    return a\n",
         "%%python\nimport numpy as np\nnp.arange(10).sum()\n" * 20]


@pytest.mark.fast
@pytest.mark.parametrize("code", CODES)
def test_the_hash_is_ipykernels(code):
    assert cell_files.murmur2(code) == murmur2_x86(code, get_tmp_hash_seed())


@pytest.mark.fast
def test_a_cell_file_is_named_as_ipykernel_names_it():
    code = "def f(a):\n    return a\n"
    assert cell_files.cell_directory() == get_tmp_directory()
    assert cell_files.cell_file(code) == get_file_name(code)
    assert cell_files.cell_file(code, "/d") == os.path.join("/d", os.path.basename(get_file_name(code)))
