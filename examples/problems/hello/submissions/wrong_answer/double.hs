-- Wrong answer: Double prints as "7.0" and loses digits past 2^53.
main :: IO ()
main = do
  [a, b] <- map read . words <$> getLine :: IO [Double]
  print (a + b)
