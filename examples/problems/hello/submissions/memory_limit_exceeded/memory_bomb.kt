// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB heap given by -Xmx) in 4 MiB arrays, filling each one and keeping them in a list.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val chunks = ArrayList<ByteArray>()
    for (i in 0 until 256) {
        chunks.add(ByteArray(4 shl 20) { (i + 1).toByte() })
    }
    println(a + b + (if (chunks.isEmpty()) 1 else 0))
}
